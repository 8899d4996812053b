local fs = {}
for i = 1, 3 do fs[i] = function() return i end end
print(fs[1](), fs[2](), fs[3]())
local gs = {}
for _, v in ipairs({"a", "b", "c"}) do gs[#gs + 1] = function() return v end end
print(gs[1](), gs[2](), gs[3]())
local hs = {}
local j = 1
while j <= 3 do local k = j; hs[j] = function() return k end; j = j + 1 end
print(hs[1](), hs[2](), hs[3]())
local shared = {}
local m = 0
while m < 3 do m = m + 1; shared[m] = function() return m end end
print(shared[1](), shared[2](), shared[3]())
local rs = {}
local r = 0
repeat local x = r; rs[#rs + 1] = function() x = x + 10; return x end; r = r + 1 until r == 2
print(rs[1](), rs[1](), rs[2]())
-- modifying the loop variable's closure copy
local ms = {}
for i = 1, 2 do ms[i] = {get = function() return i end, set = function(v) i = v end} end
ms[1].set(100)
print(ms[1].get(), ms[2].get())
