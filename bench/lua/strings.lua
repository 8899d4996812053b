-- String building: table.concat of many pieces, and repeated '..' in a loop.
local n = tonumber(arg and arg[1]) or 50000

local parts = {}
for i = 1, n do
  parts[#parts + 1] = "item" .. i .. ";"
end
local joined = table.concat(parts)
local joined2 = table.concat(parts, ",", 1, n)

local s = ""
for i = 1, n / 10 do
  s = s .. string.char(65 + i % 26) .. (i % 10)
end

local words = {}
for i = 1, n do
  words[i] = string.format("%d:%s", i, string.rep("x", i % 5))
end
local fmt = table.concat(words, " ")

-- a cheap checksum over the bytes of the results
local function checksum(str)
  local h = 0
  for i = 1, #str, 7 do
    h = (h * 31 + str:byte(i)) % 1000000007
  end
  return h
end

print(#joined, #joined2, #s, #fmt)
print(checksum(joined), checksum(joined2), checksum(s), checksum(fmt))
