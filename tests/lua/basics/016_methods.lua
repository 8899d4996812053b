local obj = {name = "obj", n = 0}
function obj:inc(k) self.n = self.n + (k or 1); return self end
function obj.plain(x) return x end
obj:inc():inc(5)
print(obj.n)
print(obj.plain(7), obj:plain() == obj)
local s = "Hello"
print(s:upper(), s:len(), s:sub(2, 3), ("x"):rep(3))
print(#s:rep(2))
local a = {b = {c = {}}}
function a.b.c:who() return self == a.b.c end
function a.b.c.f(x) return x + 1 end
print(a.b.c:who(), a.b.c.f(1))
print(("%d-%s"):format(5, "x"))
print(s:byte(-1), s:find("l"))
