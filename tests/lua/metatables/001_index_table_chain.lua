local base = {greet = function() return "hello" end, kind = "base"}
local mid = setmetatable({kind = "mid"}, {__index = base})
local obj = setmetatable({}, {__index = mid})
print(obj.kind, obj.greet(), obj.missing)
print(rawget(obj, "kind"), rawget(mid, "greet"))
obj.kind = "own"
print(obj.kind, mid.kind, base.kind)
local chain = {}
local cur = {value = "bottom"}
for i = 1, 50 do cur = setmetatable({}, {__index = cur}) end
print(cur.value)
