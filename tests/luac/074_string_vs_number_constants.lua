-- "1" and 1 are distinct constants; equal numbers share one slot
local a = "1"
local b = 1
local c = 1.0
local d = 1e0
local e = "1.0"
local f = 0.1 + 0.2
local g = 0.3
local h = 10 / 2
local i = 5
local t = {[1] = "number", ["1"] = "string", [1.0] = "float"}
print(a, b, c, d, e, f, g, h, i, t[1], t["1"])
