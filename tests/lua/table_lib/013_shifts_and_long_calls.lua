-- table.insert/remove shift one slot at a time in ltablib.c; pylua moves
-- the array part's slots at once and the rest one by one: the contents
-- and the order of pairs (the table's layout) must stay lua5.1's.
local function show(t, lo, hi)
  local out = {}
  for i = lo, hi do out[#out + 1] = tostring(t[i]) end
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = tostring(k) end
  print(#t, table.concat(out, ","), "|", table.concat(keys, " "))
end

local t = {1, 2, 3, 4, 5}
table.insert(t, 1, 0); show(t, -1, 8)
table.insert(t, 4, "x"); show(t, -1, 9)
table.insert(t, #t + 1, "end"); show(t, -1, 10)
table.insert(t, 12, "far"); show(t, -1, 13)
table.insert(t, 0, "zero"); show(t, -2, 13)
table.insert(t, -2, "neg"); show(t, -3, 14)
print(table.remove(t, 1), table.remove(t), table.remove(t, 3)); show(t, -3, 14)
print(table.remove(t, #t + 1), table.remove(t, 0), table.remove(t, -1)); show(t, -3, 14)

-- a table whose border lies in the hash part
local h = {}
for i = 1, 20 do h[i * 1] = i end
for i = 1, 10 do h[i] = nil end
for i = 1, 10 do h[i] = -i end
table.insert(h, 3, "ins"); show(h, 1, 22)
print(table.remove(h, 2)); show(h, 1, 22)
local g = {n = 1, m = 2}
for i = 1, 5 do g[i] = i end
table.insert(g, 1, "a"); table.insert(g, 7, "b"); show(g, 1, 8)
print(table.remove(g, 1), table.remove(g, 3)); show(g, 1, 8)

-- long shifts
local big = {}
for i = 1, 20000 do big[i] = i end
table.insert(big, 1, 0)
print(#big, big[1], big[2], big[20001])
for i = 1, 3 do table.remove(big, 1) end
print(#big, big[1], big[19998])
table.insert(big, -3000, "n")
print(#big, big[-3000], big[-2999], big[0], big[1])
print(pcall(table.insert, {1, 2, 3}, -20000, 1))

-- long concatenations, and an error in the middle of one
local words = {}
for i = 1, 10000 do words[i] = i % 7 == 0 and i or "w" .. i end
local s = table.concat(words, ",")
print(#s, s:sub(1, 30), s:sub(-20))
print(#table.concat(words, "", 5000, 9999), #table.concat(words, "--", 2))
words[9000] = {}
print(pcall(table.concat, words, ","))
print(pcall(table.concat, words, ",", 1, 8999) == true)

-- a long sort with the default comparison, then errors in one
local r, seed = {}, 7
for i = 1, 12000 do seed = (seed * 1103515245 + 12345) % 2147483648; r[i] = seed % 5000 end
table.sort(r)
local ok = true
for i = 2, #r do if r[i - 1] > r[i] then ok = false end end
print(ok, r[1], r[6000], r[12000])
r[7000] = "s"
print(pcall(table.sort, r))
