local calls = {}
local t = setmetatable({present = 1}, {__index = function(tbl, key)
  calls[#calls + 1] = tostring(key)
  if type(key) == "number" then return key * 2 end
  return nil
end})
print(t.present, t[21], t.absent, t[1.5])
print(table.concat(calls, ","))
local defaults = setmetatable({}, {__index = function() return 0 end})
defaults.x = defaults.x + 5
print(defaults.x, defaults.y)
local proxy = setmetatable({}, {__index = string})
print(proxy.upper("abc"))
local recv
local m = setmetatable({}, {__index = function(self, k) recv = self; return k end})
print(m.k, recv == m)
