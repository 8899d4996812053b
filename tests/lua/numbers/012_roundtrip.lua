local vals = {0, 1, -1, 0.5, 1/3, 1e100, 2^53, 123.456, -0.001, 1e-300}
for _, v in ipairs(vals) do
  local s = tostring(v)
  local back = tonumber(s)
  print(s, back == v, string.format("%.17g", v))
end
