local map = setmetatable({}, {__index = function(t, k) return "[" .. k .. "]" end})
print(("a-b-c"):gsub("%a", map))
local words = {}
("one two three"):gsub("%a+", function(w) words[#words + 1] = w:reverse() end)
print(table.concat(words, " "))
