local Path = {}
Path.__concat = function(a, b)
  local left = type(a) == "table" and a.p or a
  local right = type(b) == "table" and b.p or b
  return setmetatable({p = left .. "/" .. right}, Path)
end
local root = setmetatable({p = "usr"}, Path)
local full = root .. "local" .. "bin"
print(full.p)
print(("home" .. root).p)
