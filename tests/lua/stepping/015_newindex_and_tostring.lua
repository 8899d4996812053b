local log = {}
local t = setmetatable({}, {
  __newindex = function(t, k, v) log[#log + 1] = k; rawset(t, k, v * 10) end,
  __tostring = function(t) return "T(" .. table.concat(log, ",") .. ")" end,
})
t.a = 1
t.b = 2
t.a = 3
print(t.a, t.b, tostring(t))
