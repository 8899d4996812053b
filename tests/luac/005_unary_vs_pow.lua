-- unary operators have lower priority than ^ but higher than * /
local x, y = 3, 2
local a = -x ^ y        -- -(x^y)
local b = (-x) ^ y
local c = -2 ^ 2        -- folded to -4
local d = (-2) ^ 2      -- folded to 4
local e = not x ^ y     -- not (x^y)
local f = #"ab" ^ 2
local g = -x * -y
local h = 2 ^ -x
local i = 2 ^ - - 2
local j = -x ^ -y ^ -x
print(a, b, c, d, e, f, g, h, i, j)
