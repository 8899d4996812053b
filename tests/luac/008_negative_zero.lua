-- -0 is folded, and shares its constant slot with 0 (keys compare equal)
local a = -0
local b = 0
local c = -0.0
local d = 0 * -1
local e = 1 / -0
local f = 0 - 0
local t = {[-0] = "z", [0] = "zero"}
print(a, b, c, d, e, f, t[0])
