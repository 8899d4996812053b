-- counting and indexing varargs with select, including trailing nils
local function count(...) return select("#", ...) end
local function last(...)
  local n = select("#", ...)
  if n > 0 then return (select(n, ...)) end
end
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    s = s + (v or 0)
  end
  return s
end
print(count(), count(nil), count(1, nil, nil), last(1, 2, 3), sum(1, nil, 3))
