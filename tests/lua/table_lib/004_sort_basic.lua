local t = {5, 2, 8, 1, 9, 3}
table.sort(t)
print(table.concat(t, " "))
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local s = {"banana", "apple", "Cherry", "date"}
table.sort(s)
print(table.concat(s, " "))
table.sort(s, function(a, b) return a:lower() < b:lower() end)
print(table.concat(s, " "))
local e = {}
table.sort(e)
print(#e)
local one = {42}
table.sort(one)
print(one[1])
local nums = {}
for i = 1, 100 do nums[i] = (i * 37) % 101 end
table.sort(nums)
local okk = true
for i = 2, 100 do if nums[i - 1] > nums[i] then okk = false end end
print(okk, nums[1], nums[100])
local f = {3.5, -1, 0, 2^53, -1/0, 1/0}
table.sort(f)
print(table.concat(f, " "))
