for _, v in ipairs({3.7, -3.7, 3.2, -3.2, 0, 5, -5, 0.5, -0.5, 1e15 + 0.5, 2^53}) do
  print(v, math.floor(v), math.ceil(v), math.abs(v))
end
print(math.floor(-0.0), math.ceil(-0.5), math.abs(-0.0))
print(math.floor(1/0), math.ceil(-1/0), math.abs(-1/0))
print(math.floor("3.5"), pcall(math.floor, "x"))
print(pcall(math.floor))
