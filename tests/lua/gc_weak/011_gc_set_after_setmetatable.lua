-- __gc is looked up when a userdata is collected (lgc.c), not when its metatable is set
local u = newproxy(true)
local mt = getmetatable(u)
mt.__gc = function() print("finalized late-set") end
u = nil
collectgarbage()
local v = newproxy(true)
getmetatable(v).__gc = function() print("second") end
getmetatable(v).__gc = nil
v = nil
collectgarbage()
print("end")
