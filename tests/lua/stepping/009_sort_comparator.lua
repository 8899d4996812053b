local items = {
  {name = "pear", price = 3}, {name = "apple", price = 1},
  {name = "fig", price = 3}, {name = "kiwi", price = 2},
}
table.sort(items, function(a, b)
  if a.price ~= b.price then return a.price < b.price end
  return a.name < b.name
end)
for _, it in ipairs(items) do io.write(it.name, " ") end
print()
local nums = {5, 3, 9, 1}
table.sort(nums, function(a, b) return a > b end)
print(table.concat(nums, ","))
