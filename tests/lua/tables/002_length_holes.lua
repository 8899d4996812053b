-- the border 5.1 finds depends on the array/hash layout
local function show(name, t) print(name, #t) end
show("1..5", {1, 2, 3, 4, 5})
show("nil at 3 (ctor)", {1, 2, nil, 4})
show("nil at end (ctor)", {1, 2, 3, nil})
show("only [3]", {[3] = 3})
show("1,2,[4]", {1, 2, [4] = 4})
show("n=3 ctor", {nil, nil, 3})
local t = {}
t[1] = 1; t[2] = 2; t[4] = 4
show("assigned 1,2,4", t)
local u = {1, 2, 3, 4, 5, 6, 7, 8}
u[8] = nil
show("removed last", u)
u[4] = nil
show("removed middle too", u)
local v = {}
for i = 1, 16 do v[i] = i end
for i = 9, 16 do v[i] = nil end
show("cleared upper half", v)
local w = {}
w[2] = 2
show("only [2]", w)
w[1] = 1
show("then [1]", w)
local x = {n = 1}
x[1] = 1; x[2] = 2; x[3] = 3; x[5] = 5
show("1,2,3,5 assigned", x)
local y = {1, 2, 3}
y[5] = 5
show("ctor 1..3 + [5]", y)
y[4] = 4
show("+[4]", y)
