local log = {}
local mt = {__eq = function(a, b) log[#log + 1] = "eq"; return a.v == b.v end}
local a = setmetatable({v = 1}, mt)
local b = setmetatable({v = 1}, mt)
local c = setmetatable({v = 2}, mt)
print(a == b, a == c, a ~= b, a ~= c)
print(a == a, #log)
print(a == 1, a == "x", a == nil)
-- different metamethods: no call in 5.1
local other = setmetatable({v = 1}, {__eq = function() return true end})
print(a == other)
-- same function in two metatables is fine
local f = function() return true end
local x = setmetatable({}, {__eq = f})
local y = setmetatable({}, {__eq = f})
print(x == y)
local t1 = setmetatable({}, {__eq = function() return 1 end})
local t2 = setmetatable({}, getmetatable(t1))
print(t1 == t2, t1 ~= t2)
print(rawequal(a, b))
-- only one side has __eq
local plain = {}
print(a == plain, plain == a)
