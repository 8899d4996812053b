local s = string.rep("abcdefghij", 1000)
print(#s, s:sub(9995, 10000), s:sub(-3))
local up = s:upper()
print(#up, up:sub(1, 12))
local r = s:reverse()
print(r:sub(1, 5))
local n = select("#", s:byte(1, 200))
print(n)
local big = {}
for i = 1, 300 do big[i] = i % 256 end
local c = string.char(unpack(big))
print(#c, c:byte(300))
