local vals = {1, 0.1, 1/3, 1e15, 1e16, 2^53, 100, -0.0 * 1, 1e-5, 123456789012}
for _, v in ipairs(vals) do
  print(tostring(v), string.format("%.14g", v), string.format("%g", v), string.format("%s", v))
end
