local a, b, c = 1, 2, 3
a, b, c = c, a, b
print(a, b, c)
local t = {1, 2}
t[1], t[2] = t[2], t[1]
print(t[1], t[2])
local log = {}
local function f(x) log[#log + 1] = x; return x end
local r = f(1) + f(2) * f(3)
print(r, table.concat(log, ","))
log = {}
local s = f("a") .. f("b") .. f("c")
print(s, table.concat(log, ","))
log = {}
local u = {f(1), f(2), k = f(3)}
print(table.concat(log, ","))
