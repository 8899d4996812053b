-- function statements with dotted names and methods
function simple() return 1 end
a = {b = {c = {}}}
function a.f() return "a.f" end
function a.b.g(x) return x end
function a.b.c.h(x, y) return x + y end
function a.b.c:m(v) self.v = v return self end
function a:count() return #self end
local M = {}
function M.new() return setmetatable({}, {__index = M}) end
function M:get() return self.value end
function M.set(self, v) self.value = v end
local o = M.new()
o:set(5)
print(simple(), a.f(), a.b.g(2), a.b.c.h(1, 2), a.b.c:m(3).v, o:get())
