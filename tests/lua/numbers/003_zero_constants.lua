-- 0 and -0 compare equal, so one function shares one constant slot
local function a() print(0, -0) end
local function b() print(-0, 0) end
a()
b()
local function c() local z = -0; return z end
print(c(), 1 / c())
local function d() local x = 0 ; local y = -0 ; return x, y end
print(d())
print(0 * -1, -0 + 0, 0 / -1)
print(string.format("%g %g", 0 * -1, -(0)))
local t = {}
t[0] = "zero"
print(t[-0 * 1], t[0 * -1])
print(0 == -0, 1 / (0 * -1))
print(-0.0 .. "", tostring(0 * -1))
print(math.abs(0 * -1))
