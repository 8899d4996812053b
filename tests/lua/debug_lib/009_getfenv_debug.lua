local function f() end
print(debug.getfenv(f) == _G)
local env = {}
debug.setfenv(f, env)
print(debug.getfenv(f) == env, getfenv(f) == env)
print(type(debug.getfenv(print)))
local ud = newproxy()
print(type(debug.getfenv(ud)))
print(pcall(debug.setfenv, 1, {}))
