local Version = {}
Version.__lt = function(a, b)
  if a.major ~= b.major then return a.major < b.major end
  return a.minor < b.minor
end
Version.__le = function(a, b) return not (b < a) end
local function V(ma, mi) return setmetatable({major = ma, minor = mi}, Version) end
print(V(1, 2) < V(1, 3), V(2, 0) < V(1, 9), V(1, 1) <= V(1, 1), V(3, 0) > V(2, 9))
