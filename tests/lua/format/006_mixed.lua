local rows = {{"apple", 3, 0.5}, {"banana", 12, 0.25}, {"cherry", 100, 10}}
for _, r in ipairs(rows) do
  print(string.format("|%-8s|%4d|%8.2f|%6.1e|", r[1], r[2], r[3], r[3]))
end
print(string.format("%3d%%", 50))
print(string.format("%s=%d", "x", 10) .. string.format("(%x)", 255))
print(("%5.1f"):format(3.14159), ("%5.1f"):format(-0.05), ("%5.1f"):format(99.95))
print(string.format("%-5d|%-5s|%-5.1f|", 1, "a", 1))
print(string.format("%+.3d", 5), string.format("% 05d", 5))
print(string.format("[%c]", 10) == "[\n]")
print(string.format("%.3s%.3s", "abcdef", "123456"))
print(string.format("%08.3f|%-+8.2f|", -3.14159, 3.14159))
print(string.format("%.1f %.2f %.3f", 0.05, 0.005, 0.0005))
print(string.format("%5s|%-5s|", 12, 3.5))
