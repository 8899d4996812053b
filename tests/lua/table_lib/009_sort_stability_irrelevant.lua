-- sorting keys gives a deterministic order regardless of table layout
local t = {zeta = 1, alpha = 2, mid = 3, beta = 4}
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", t[k], " ") end
print()
local nums = {}
for i = 1, 20 do nums[i] = (i * 13) % 20 + 1 end
table.sort(nums, function(a, b) return a > b end)
print(table.concat(nums, " "))
