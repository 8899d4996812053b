-- local declarations: nil-initialisation at function start is elided,
-- later ones emit LOADNIL (merged when adjacent)
local a
local b, c
local d, e, f = 1, 2
local g = a
print(a, b, c, d, e, f, g)
local h
local i, j
local k = h or i or j
print(k)
do
  local a = 10
  local b = a * 2
  print(a, b)
end
local function inner()
  local x, y, z
  local w = 1
  local v
  return x, y, z, w, v
end
print(inner())
