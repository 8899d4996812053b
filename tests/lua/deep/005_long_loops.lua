local sum = 0
for i = 1, 100000 do sum = sum + i end
print(sum)
local n, steps = 27, 0
while n ~= 1 do
  if n % 2 == 0 then n = n / 2 else n = 3 * n + 1 end
  steps = steps + 1
end
print("collatz 27", steps)
local parts = {}
for i = 1, 100000 do parts[i] = i % 10 end
local s = table.concat(parts)
print(#s, s:sub(1, 12))
local t = {}
for i = 1, 100000 do t[i] = i end
local acc = 0
for i, v in ipairs(t) do acc = acc + v end
print(acc, #t)
local cnt = 0
repeat cnt = cnt + 1 until cnt >= 100000
print(cnt)
