-- long and/or chains that create chains of jumps to patch
local a, b, c, d, e = g1, g2, g3, g4, g5
local x = a and b or c and d or e
local y = (a or b) and (c or d) and e
local z = a and (b or c) and (d or e) or nil
if (a and b) or (c and d) or e then print("chain1") end
if a and (b or (c and (d or e))) then print("chain2") end
if not ((a or b) and not (c or d)) then print("chain3") end
while (a and b) or c do a = nil c = nil end
local w = a == b and c ~= d or d < e and e <= a
print(x, y, z, w)
