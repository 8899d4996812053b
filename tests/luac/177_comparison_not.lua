-- negated comparisons in both value and jump contexts
local a, b = ga, gb
local v1 = not (a < b)
local v2 = not (a <= b)
local v3 = not (a == b)
local v4 = not (a ~= b)
local v5 = not (a > 1)
local v6 = not not (a >= b)
if not (a < b) and not (b < a) then print("equalish") end
if not (a == nil) then print("set") end
while not (a == b) do a = b end
repeat a = nil until not (a ~= nil)
print(v1, v2, v3, v4, v5, v6)
