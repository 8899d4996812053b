local records = {
  {name = "alice", dept = "eng", salary = 120}, {name = "bob", dept = "ops", salary = 90},
  {name = "carol", dept = "eng", salary = 150}, {name = "dave", dept = "ops", salary = 90},
  {name = "erin", dept = "sales", salary = 70}, {name = "frank", dept = "eng", salary = 120},
}
local function by(...)
  local keys = {...}
  return function(a, b)
    for _, k in ipairs(keys) do
      local desc = k:sub(1, 1) == "-"
      local f = desc and k:sub(2) or k
      if a[f] ~= b[f] then
        if desc then return a[f] > b[f] end
        return a[f] < b[f]
      end
    end
    return false
  end
end
local function show(list)
  local t = {}
  for i, r in ipairs(list) do t[i] = r.name end
  return table.concat(t, " ")
end
table.sort(records, by("name")); print(show(records))
table.sort(records, by("-salary", "name")); print(show(records))
table.sort(records, by("dept", "-salary", "name")); print(show(records))
local words = {"Banana", "apple", "cherry", "Apple", "banana"}
table.sort(words, function(a, b)
  local la, lb = a:lower(), b:lower()
  if la ~= lb then return la < lb end
  return a < b
end)
print(table.concat(words, " "))
local byLen = {"ccc", "a", "bb", "dddd", "ee", "f"}
table.sort(byLen, function(a, b) if #a ~= #b then return #a < #b end return a < b end)
print(table.concat(byLen, " "))
