local text = "the quick brown fox jumps over the lazy dog the end"
local counts = {}
for w in text:gmatch("%a+") do counts[w] = (counts[w] or 0) + 1 end
local words = {}
for w in pairs(counts) do words[#words + 1] = w end
table.sort(words, function(a, b)
  if counts[a] ~= counts[b] then return counts[a] > counts[b] end
  return a < b
end)
for _, w in ipairs(words) do io.write(w, ":", counts[w], " ") end
print()
local set = {}
for _, v in ipairs({3, 1, 3, 2, 1}) do set[v] = true end
local uniq = {}
for v in pairs(set) do uniq[#uniq + 1] = v end
table.sort(uniq)
print(table.concat(uniq, ","))
