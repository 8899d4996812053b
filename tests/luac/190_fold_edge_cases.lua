-- more folding edges: NaN results are not folded, infinities are
local a = (-8) ^ (1 / 3)      -- NaN: kept as POW
local b = 0 ^ -1              -- inf: folded
local c = -0 % 1
local d = 2 ^ 53 % 3
local e = 1e308 + 1e308       -- inf
local f = -1e308 - 1e308      -- -inf
local g = 1e308 * 10 - 1e308 * 10   -- inf - inf: NaN, the right side stays folded
local h = 5 % -0.5
local i = -(-0)
local j = 3 % (1 / 0)         -- divisor not a constant after refusing 1/0
local k = 0.5 % 0
print(a, b, c, d, e, f, g, h, i, j, k)
