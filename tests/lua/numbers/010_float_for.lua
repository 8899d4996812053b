local n, last = 0
for x = 0, 1, 0.1 do n = n + 1; last = x end
print(n, last, last == 1)
n = 0
for x = 1, 0, -0.1 do n = n + 1; last = x end
print(n, string.format("%.17g", last))
n = 0
for x = 0.5, 3 do n = n + 1; last = x end
print(n, last)
n = 0
for x = 1, 3, 1.5 do n = n + 1; last = x end
print(n, last)
for x = 1, 0 do print("never") end
for x = 1, math.huge do if x > 3 then break end io.write(x, " ") end
print()
for x = -1, -math.huge, -1 do if x < -3 then break end io.write(x, " ") end
print()
