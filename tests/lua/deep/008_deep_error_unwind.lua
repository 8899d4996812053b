local function dive(n)
  if n == 0 then error("bottom reached") end
  local r = dive(n - 1)
  return r
end
print(pcall(dive, 5000))
local cleanup = 0
local function dive2(n)
  if n == 0 then error({depth = "max"}) end
  local ok, e = pcall(dive2, n - 1)
  cleanup = cleanup + 1
  error(e, 0)
end
local ok, e = pcall(dive2, 150)
print(ok, type(e), e.depth, cleanup)
