-- numeric constant folding of every arithmetic operator
local a = 1 + 2
local b = 10 - 4.5
local c = 6 * 7
local d = 1 / 4
local e = 7 % 3
local f = -7 % 3
local g = 7 % -3
local h = 5.5 % 2
local i = 2 ^ 10
local j = 2 ^ 0.5
local k = -(3 + 4)
local l = 1 + 2 * 3 - 4 / 5
local m = (1 + 2) * (3 - 4) / 5 % 6 ^ 2
local n = 2 ^ 1024             -- folds to inf
local o = -(2 ^ 1024)          -- folds to -inf
local p = 1e308 * 10
local q = 3 - -3
local r = - - - 3
local s = 0.1 + 0.2
print(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s)
