local s = ""
for i = 1, 5000 do s = s .. (i % 10) end
print(#s, s:sub(-10))
local buf = {}
for i = 1, 100000 do buf[#buf + 1] = "x" end
print(#table.concat(buf))
local r = string.rep("ab", 50000)
print(#r, select(2, r:gsub("ab", "")))
local words = 0
for w in string.rep("word ", 20000):gmatch("%a+") do words = words + 1 end
print(words)
