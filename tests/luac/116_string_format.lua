-- string.format with every common directive
local rows = {
  {"apple", 1.5, 3}, {"banana", 0.25, 12}, {"cherry", 10, 100},
}
print(string.format("%-10s|%8s|%5s", "item", "price", "qty"))
for _, r in ipairs(rows) do
  print(string.format("%-10s|%8.2f|%5d", r[1], r[2], r[3]))
end
print(string.format("%x %X %o %e %g %c %q %%", 255, 255, 8, 12345.678, 0.0001, 65, "a\nb"))
print(("%5.1f%%"):format(99.44), ("[%3d]"):format(7), ("%s=%s"):format("k", nil))
