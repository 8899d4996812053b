local t = setmetatable({}, {
  __index = function(t, k) return "meta:" .. tostring(k) end,
  __newindex = function(t, k, v) rawset(t, k, "wrapped " .. tostring(v)) end,
})
print(t.a, rawget(t, "a"))
t.b = 1
print(t.b, rawget(t, "b"))
print(rawset(t, "c", 3) == t, t.c)
print(pcall(rawget, "str", 1))
print(pcall(rawset, {}, 1))
print(pcall(rawget))
print(rawget(t, 1), rawget({5}, 1))
print(rawequal(t, t), rawequal(t, {}), rawequal(1, "1"), rawequal("a", "a"))
print(pcall(rawequal, 1))
