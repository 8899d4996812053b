-- count words and print the most frequent ones
local text = [[
the quick brown fox jumps over the lazy dog the fox
and the dog sleeps while the fox runs
]]
local counts = {}
for word in text:gmatch("%a+") do
  word = word:lower()
  counts[word] = (counts[word] or 0) + 1
end
local words = {}
for w, c in pairs(counts) do words[#words + 1] = {word = w, count = c} end
table.sort(words, function(a, b)
  if a.count ~= b.count then return a.count > b.count end
  return a.word < b.word
end)
for i = 1, math.min(3, #words) do
  print(words[i].word, words[i].count)
end
