-- more values than targets: extra expressions are still evaluated
local function f() return 1, 2, 3 end
local a = 1, 2, 3
local b, c = f(), f(), f()
local d = f(), 10
x = 1, f()
local t = {}
t.a, t.b = 1, 2, 3, 4
local e, g = 1, 2, print("side effect")
print(a, b, c, d, x, t.a, t.b, e, g)
