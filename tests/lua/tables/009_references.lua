local a = {1, 2, 3}
local b = a
b[1] = 100
print(a[1])
local function modify(t) t.x = "set" end
modify(a)
print(a.x)
local function replace(t) t = {} ; t.y = 1 end
replace(a)
print(a.y)
local copy = {}
for k, v in pairs(a) do copy[k] = v end
copy[1] = 1
print(a[1], copy[1], copy.x)
local self = {}
self.me = self
print(self.me.me.me == self)
