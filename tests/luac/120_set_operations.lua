-- sets with union, intersection and difference via metamethods
local Set = {}
Set.__index = Set
function Set.new(list)
  local s = setmetatable({}, Set)
  for _, v in ipairs(list or {}) do s[v] = true end
  return s
end
Set.__add = function(a, b)
  local r = Set.new()
  for k in pairs(a) do r[k] = true end
  for k in pairs(b) do r[k] = true end
  return r
end
Set.__mul = function(a, b)
  local r = Set.new()
  for k in pairs(a) do r[k] = b[k] end
  return r
end
Set.__sub = function(a, b)
  local r = Set.new()
  for k in pairs(a) do if not b[k] then r[k] = true end end
  return r
end
Set.__le = function(a, b)
  for k in pairs(a) do if not b[k] then return false end end
  return true
end
Set.__lt = function(a, b) return a <= b and not (b <= a) end
Set.__eq = function(a, b) return a <= b and b <= a end
Set.__tostring = function(s)
  local keys = {}
  for k in pairs(s) do keys[#keys + 1] = tostring(k) end
  table.sort(keys)
  return "{" .. table.concat(keys, ", ") .. "}"
end
local a, b = Set.new({1, 2, 3}), Set.new({2, 3, 4})
print(tostring(a + b), tostring(a * b), tostring(a - b), a <= a + b, a < b, a == Set.new({3, 2, 1}))
