-- check_conflict: a local used as a table or index on the left side is
-- copied before being reassigned in the same statement
local t = {1, 2, 3}
local i = 1
i, t[i] = i + 1, "x"
local a = {}
a, a.x = {}, 1
local k = "key"
t[k], k = "v", "other"
local u, w = t, t
u.f, u, w.g, w = 1, nil, 2, nil
print(i, t[1], t[2], a.x, t.key, k, t.f, t.g)
