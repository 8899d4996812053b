-- read-only proxies and access tracking with __index/__newindex
local function readonly(t)
  return setmetatable({}, {
    __index = t,
    __newindex = function(_, k) error("attempt to update a read-only field " .. tostring(k), 2) end,
    __len = function() return #t end,
  })
end
local function tracked(t)
  local log = {}
  local proxy = setmetatable({}, {
    __index = function(_, k) log[#log + 1] = "get " .. tostring(k) return t[k] end,
    __newindex = function(_, k, v) log[#log + 1] = "set " .. tostring(k) t[k] = v end,
  })
  return proxy, log
end
local days = readonly({"Mon", "Tue", "Wed"})
print(days[2], pcall(function() days[1] = "x" end))
local p, log = tracked({})
p.a = 1
p.b = p.a + 1
print(p.b, table.concat(log, ", "))
