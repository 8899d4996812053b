-- '...' as the last item of a constructor, and not last
local function f(...)
  local all = {...}
  local some = {..., 0}
  local tagged = {tag = "v", ...}
  local mixed = {1, 2, ...}
  return #all, #some, tagged.tag, #mixed
end
print(f(4, 5, 6))
print(f())
