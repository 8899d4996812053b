-- comparisons between constructors, calls and constants in both orders
local a = {} == {}
local b = {} ~= nil
local c = "a" < "b"
local d = 1 < 2
local e = 2 <= 1
local f = "x" == "x"
local g = tostring(1) == "1"
local h = 3 > 2
local i = 3 >= 3
if 1 == 1 then print("folded? no") end
if "a" ~= "b" then print("strings") end
print(a, b, c, d, e, f, g, h, i)
