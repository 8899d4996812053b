local text = [[
It was the best of times, it was the worst of times, it was the age of wisdom,
it was the age of foolishness, it was the epoch of belief, it was the epoch of
incredulity, it was the season of Light, it was the season of Darkness.]]
local freq, total = {}, 0
for word in text:lower():gmatch("%a+") do
  freq[word] = (freq[word] or 0) + 1
  total = total + 1
end
local list = {}
for w, c in pairs(freq) do list[#list + 1] = {w = w, c = c} end
table.sort(list, function(a, b) if a.c ~= b.c then return a.c > b.c end return a.w < b.w end)
print("total words", total, "distinct", #list)
for i = 1, 8 do print(string.format("%2d. %-12s %3d %5.1f%%", i, list[i].w, list[i].c, 100 * list[i].c / total)) end
local longest = ""
for w in pairs(freq) do if #w > #longest or (#w == #longest and w < longest) then longest = w end end
print("longest", longest)
