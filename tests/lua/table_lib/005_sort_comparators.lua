local people = {
  {name = "Ann", age = 30}, {name = "Bob", age = 25}, {name = "Cid", age = 30},
  {name = "Dee", age = 22}, {name = "Eve", age = 25},
}
table.sort(people, function(a, b)
  if a.age ~= b.age then return a.age < b.age end
  return a.name < b.name
end)
for _, p in ipairs(people) do io.write(p.name, ":", p.age, " ") end
print()
local calls = 0
local t = {3, 1, 2}
table.sort(t, function(a, b) calls = calls + 1; return a < b end)
print(table.concat(t, ","), calls > 0)
print(pcall(table.sort, {3, 1, "x"}))
print(pcall(table.sort, {1, 2, 3}, 5))
print(pcall(table.sort, {{}, {}}))
print(pcall(table.sort))
local mixed = {3, 1, 2}
print(pcall(table.sort, mixed, function(a, b) error("cmp failed") end))
