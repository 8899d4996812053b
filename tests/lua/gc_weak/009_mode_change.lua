local mt = {}
local t = setmetatable({}, mt)
t[1] = {}
collectgarbage()
print(t[1] ~= nil)
mt.__mode = "v"
collectgarbage()
print(t[1])
t[2] = {}
mt.__mode = nil
collectgarbage()
print(t[2] ~= nil)
