local hits = 0
local t = setmetatable({}, {
  __index = function() hits = hits + 1; return "default" end,
  __newindex = function(t, k, v) hits = hits + 10; rawset(t, k, v) end,
})
print(t.a, rawget(t, "a"), hits)
rawset(t, "a", 1)
print(t.a, hits)
t.b = 2
print(t.b, hits)
t.b = 3
print(t.b, hits)
for k, v in pairs(t) do end
print(hits)
print(#t, next(t) ~= nil)
