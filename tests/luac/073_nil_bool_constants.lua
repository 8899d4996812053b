-- nil, true and false become constants when used as RK operands
local t = {}
t[true] = false
t[false] = true
t.x = nil
t.y = true
t[1] = nil
local a = t.x == nil
local b = t.y ~= false
if t[true] == true then print("yes") end
if nil == t.z then print("nil") end
t[nil == nil] = nil ~= nil
local u = {[true] = 1, [false] = 0, n = nil}
g = nil
g2 = false
print(a, b, u[true])
