local function p(x) return string.format("%.6f", x) end
for _, x in ipairs({0, math.pi / 6, math.pi / 4, math.pi / 2, math.pi, -1, 2.5}) do
  print(p(x), p(math.sin(x)), p(math.cos(x)), p(math.tan(x)))
end
print(p(math.asin(1)), p(math.acos(0)), p(math.atan(1)), p(math.atan2(1, -1)), p(math.atan2(-1, -1)))
print(p(math.sinh(1)), p(math.cosh(1)), p(math.tanh(1)))
print(p(math.deg(math.pi)), p(math.rad(180)), math.deg(0), math.rad(90) == math.pi / 2)
print(math.asin(2) ~= math.asin(2), p(math.atan2(0, 0)), p(math.atan2(0, -1)))
