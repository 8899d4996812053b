-- multiple assignment to locals, globals, fields and indexes
local a, b, c
a, b, c = 1, 2, 3
g1, g2 = a, b
local t = {}
t.x, t.y, t.z = a, b, c
t[1], t[2] = "first", "second"
a, t.x, g1, t[3] = t.y, g2, "s", a + b
local i = 1
i, t[i] = i + 1, 20     -- the index uses the old i
print(a, b, c, g1, g2, t.x, t.y, t.z, t[1], t[2], t[3], i)
