-- the length operator in loops and expressions
local list = {10, 20, 30, 40}
local n = #list
for i = 1, #list do
  list[#list + 1] = list[i] * 2
end
local s = "some text"
local half = #s / 2
while #list > 4 do
  list[#list] = nil
end
local nested = {{1, 2}, {3}}
print(n, half, #nested[1], #nested[2], #list, #(s .. s), #{1, 2, 3})
