-- and/or in value context: TESTSET when the result can go to the target
local a, b, c = f1(), f2(), f3()
local x = a and b
local y = a or b
local z = a and b or c
local w = a or b and c
local v = (a or b) and c
local u = a and b and c and x
local s = a or b or c or x
local r = a and 1 or 2
local q = nil or a
local p = false and a
local o = 1 and a
local n = a or "default"
g = a and b
g2 = a or b or c
local t = {}
t.k = a and b or c
t[a or b] = c and a
local m = not a or b
local l = a and not b
local k = (a == b) or c
local j = a and (b == c)
print(x, y, z, w, v, u, s, r, q, p, o, n, m, l, k, j)
