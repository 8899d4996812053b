-- weak-keyed caches and object ids
local ids = setmetatable({}, {__mode = "k"})
local next_id = 0
local function id_of(obj)
  local id = ids[obj]
  if not id then
    next_id = next_id + 1
    id = next_id
    ids[obj] = id
  end
  return id
end
local a, b = {}, {}
print(id_of(a), id_of(b), id_of(a))
local values = setmetatable({}, {__mode = "v"})
values[1] = {}
values[2] = a
collectgarbage()
print(values[2] == a)
