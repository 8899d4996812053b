local x = 1e15
print(x, x .. "", string.format("%s", x), tostring(x))
local y = 0.1
print(y, y .. "", string.format("%s", y), ("%s|%s"):format(1/3, 2^63))
print(table.concat({1, 2.5, 1e20, -0.0}, ","))
io.write(1e16, " ", 1/3, " ", -1/0, "\n")
print(#tostring(1/3), ("x"):rep(3, nil))
print(string.len(1e15), string.len(1e16))
