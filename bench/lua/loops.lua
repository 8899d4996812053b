-- Nested numeric for loops with floating-point and integer-valued arithmetic.
local n = tonumber(arg and arg[1]) or 2000

local sum, acc = 0, 0.5
for i = 1, n do
  for j = 1, n, 2 do
    sum = sum + (i * j) % 7 - (i - j) / 3
    acc = acc * 0.999 + j * 1e-6
  end
end
for i = n, 1, -1 do
  sum = sum - i ^ 0.5
end
print(string.format("%.6f %.9f", sum, acc))
