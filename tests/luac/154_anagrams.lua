-- group words by their sorted letters
local words = {"listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"}
local groups, order = {}, {}
for _, w in ipairs(words) do
  local letters = {}
  for c in w:gmatch(".") do letters[#letters + 1] = c end
  table.sort(letters)
  local key = table.concat(letters)
  if not groups[key] then
    groups[key] = {}
    order[#order + 1] = key
  end
  table.insert(groups[key], w)
end
for _, k in ipairs(order) do print(k, table.concat(groups[k], ",")) end
