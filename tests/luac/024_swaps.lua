-- swaps: all right-hand sides are evaluated before any assignment
local a, b, c = 1, 2, 3
a, b = b, a
a, b, c = c, a, b
local t = {10, 20, 30}
t[1], t[3] = t[3], t[1]
local i, j = 1, 2
t[i], t[j] = t[j], t[i]
x, y = 1, 2
x, y = y, x
local p = {q = 1, r = 2}
p.q, p.r = p.r, p.q
print(a, b, c, t[1], t[2], t[3], x, y, p.q, p.r)
