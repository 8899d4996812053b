-- deep copy preserving shared references and metatables
local function deepcopy(v, seen)
  if type(v) ~= "table" then return v end
  seen = seen or {}
  if seen[v] then return seen[v] end
  local copy = {}
  seen[v] = copy
  for k, val in pairs(v) do copy[deepcopy(k, seen)] = deepcopy(val, seen) end
  return setmetatable(copy, getmetatable(v))
end
local shared = {1, 2}
local orig = {a = shared, b = shared, c = {d = {e = "deep"}}}
orig.self = orig
local c = deepcopy(orig)
print(c.a == c.b, c.a ~= shared, c.self == c, c.c.d.e)
