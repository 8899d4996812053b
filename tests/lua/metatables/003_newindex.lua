local log = {}
local store = {}
local t = setmetatable({}, {__newindex = function(tbl, k, v)
  log[#log + 1] = k .. "=" .. tostring(v)
  rawset(tbl, k, v)
end})
t.a = 1
t.a = 2
t.b = nil
print(table.concat(log, " "), t.a)
local redirect = setmetatable({}, {__newindex = store})
redirect.x = 10
print(rawget(redirect, "x"), store.x)
local ro = setmetatable({}, {__newindex = function(t, k) error("read-only: " .. k, 2) end})
print(pcall(function() ro.z = 1 end))
local existing = setmetatable({k = 1}, {__newindex = function() error("not called") end})
existing.k = 2
print(existing.k)
local chain2 = setmetatable({}, {__newindex = setmetatable({}, {__newindex = function(t, k, v) print("deep set", k, v) end})})
chain2.q = 5
