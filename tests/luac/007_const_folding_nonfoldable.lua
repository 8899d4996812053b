-- cases the folder must refuse: division/modulo by zero, NaN results,
-- operands that are not both numeric constants
local a = 1 / 0
local b = -1 / 0
local c = 0 / 0
local d = 1 % 0
local e = 0 % 0
local f = (2 ^ 1024) - (2 ^ 1024)   -- inf - inf is NaN: not folded
local g = 1 + "2"
local h = "3" * 4
local x = 5
local i = x + 1 + 2                 -- (x+1)+2: not folded
local j = 1 + 2 + x                 -- 3 + x: partially folded
local k = x * (2 * 3)
local l = -"1"
local m = -x
local n = 2 ^ 0.5 / 0
local o = (1 / 0) * 0
local p = -(0 / 0)
print(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)
