-- in-place quicksort with a Lomuto partition
local function partition(a, lo, hi)
  local pivot = a[hi]
  local i = lo - 1
  for j = lo, hi - 1 do
    if a[j] <= pivot then
      i = i + 1
      a[i], a[j] = a[j], a[i]
    end
  end
  a[i + 1], a[hi] = a[hi], a[i + 1]
  return i + 1
end

local function quicksort(a, lo, hi)
  lo = lo or 1
  hi = hi or #a
  if lo < hi then
    local p = partition(a, lo, hi)
    quicksort(a, lo, p - 1)
    quicksort(a, p + 1, hi)
  end
  return a
end

local data = {33, 7, 21, 4, 99, 1, 56, 12, 8, 70}
print(table.concat(quicksort(data), " "))
