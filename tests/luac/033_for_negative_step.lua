-- numeric for counting down
local out = {}
for i = 10, 1, -1 do out[#out + 1] = i end
for i = 0, -10, -3 do out[#out + 1] = i end
local step = -2
for i = 5, -5, step do out[#out + 1] = i end
for i = -1, -3, -1 do out[#out + 1] = -i end
for i = 3, 1 do out[#out + 1] = "never" end
print(table.concat(out, " "))
