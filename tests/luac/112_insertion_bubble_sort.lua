-- insertion sort and bubble sort with a custom comparator
local function insertion_sort(a, lt)
  lt = lt or function(x, y) return x < y end
  for i = 2, #a do
    local v, j = a[i], i - 1
    while j >= 1 and lt(v, a[j]) do
      a[j + 1] = a[j]
      j = j - 1
    end
    a[j + 1] = v
  end
  return a
end
local function bubble_sort(a)
  local n, swapped = #a, true
  while swapped do
    swapped = false
    for i = 1, n - 1 do
      if a[i] > a[i + 1] then
        a[i], a[i + 1] = a[i + 1], a[i]
        swapped = true
      end
    end
    n = n - 1
  end
  return a
end
print(table.concat(insertion_sort({5, 2, 9, 1, 5, 6}), " "))
print(table.concat(insertion_sort({5, 2, 9, 1}, function(x, y) return x > y end), " "))
print(table.concat(bubble_sort({"pear", "apple", "fig"}), " "))
