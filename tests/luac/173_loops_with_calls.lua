-- loop bounds and iterators computed by calls, evaluated once
local calls = 0
local function n() calls = calls + 1 return 3 end
local sum = 0
for i = n(), n() * 2, n() - 2 do sum = sum + i end
local function iter_factory() calls = calls + 1 return ipairs({4, 5, 6}) end
for _, v in iter_factory() do sum = sum + v end
local t = {1, 2, 3}
for i = 1, #t do t[#t + 1] = i end
print(sum, calls, #t)
