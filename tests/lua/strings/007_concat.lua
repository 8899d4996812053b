print("a" .. "b", 1 .. "", "" .. 2, 1 .. 2)
print(1.5 .. "|", -0.25 .. "|", 1e100 .. "|", 2^63 .. "|")
local n = 10
print(n .. n, n .. "" .. n)
print("x" .. 1 + 2)
print(pcall(function() return "a" .. nil end))
print(pcall(function() return "a" .. {} end))
print(pcall(function() return true .. "" end))
print(pcall(function() local t = {}; return t .. "x" end))
local parts = {}
for i = 1, 10 do parts[#parts + 1] = i end
print(table.concat(parts))
local s = ""
for i = 1, 5 do s = s .. i .. "," end
print(s)
print(("a"):rep(3) .. ("b"):rep(2))
