-- fewer values than targets: nil padding, or a multi-value call at the end
local function f() return 1, 2, 3 end
local a, b, c = 1
local d, e, g = f()
local h, i, j, k = 0, f()
local l, m, n = f(), 5
local o, p = (f())
x, y, z = 1
u, v, w = f()
local t = {}
t.a, t.b, t.c = 7
t.d, t.e = ...
local q, r, s = ...
print(a, b, c, d, e, g, h, i, j, k, l, m, n, o, p, x, y, z, u, v, w, t.a, t.b, q, r, s)
