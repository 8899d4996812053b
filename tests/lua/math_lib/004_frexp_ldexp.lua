for _, v in ipairs({1, 0.5, 8, 1000, -3, 0, 0.1, 2^53, 1e-300}) do
  local m, e = math.frexp(v)
  print(v, m, e, math.ldexp(m, e) == v)
end
print(math.ldexp(1, 10), math.ldexp(0.75, 4), math.ldexp(1, -1), math.ldexp(3, 0))
print(math.ldexp(1, 1024), math.ldexp(1, -1080))
print(math.frexp(1/0))
