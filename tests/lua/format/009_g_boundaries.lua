local vals = {0.0001, 0.00001, 123456, 1234567, 999999.5, 9999995, 1e-10, 1.5e300, 100, 0.1 + 0.2}
for _, v in ipairs(vals) do
  print(string.format("%g|%.3g|%.10g|%G|%#.3g|%10.2g|%-10.4g|", v, v, v, v, v, v, v))
end
print(string.format("%.0g %.1g %.20g", 2.5, 0.15, 0.1))
print(string.format("%e|%.0e|%#.0e|%+e|% e", 0.1, 12345, 12345, 1, 1))
print(string.format("%.3f|%.3f|%.3f", 1.0005, 2.0005, -1.0005))
