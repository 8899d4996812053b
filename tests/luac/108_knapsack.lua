-- 0/1 knapsack by dynamic programming
local items = {
  {name = "map", weight = 9, value = 150}, {name = "compass", weight = 13, value = 35},
  {name = "water", weight = 153, value = 200}, {name = "sandwich", weight = 50, value = 160},
  {name = "glucose", weight = 15, value = 60}, {name = "tin", weight = 68, value = 45},
  {name = "banana", weight = 27, value = 60}, {name = "apple", weight = 39, value = 40},
}
local capacity = 200
local best = {}
for w = 0, capacity do best[w] = {value = 0, take = {}} end
for _, item in ipairs(items) do
  for w = capacity, item.weight, -1 do
    local candidate = best[w - item.weight].value + item.value
    if candidate > best[w].value then
      local take = {}
      for i, n in ipairs(best[w - item.weight].take) do take[i] = n end
      take[#take + 1] = item.name
      best[w] = {value = candidate, take = take}
    end
  end
end
print(best[capacity].value, table.concat(best[capacity].take, ", "))
