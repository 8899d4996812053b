local t = {10, 20, 30}
table.foreachi(t, function(i, v) io.write(i, "=", v, " ") end)
print()
print(table.foreachi(t, function(i, v) if v == 20 then return "stopped at " .. i end end))
local h = {x = 1}
table.foreach(h, function(k, v) print(k, v) end)
print(table.foreach(h, function(k, v) return "ret", "extra" end))
