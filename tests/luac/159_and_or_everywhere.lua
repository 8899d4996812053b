-- and/or in arguments, returns, indexes, table fields and concatenations
local a, b, c = ga, gb, gc
local function f(...) return ... end
print(a and b, a or b, not a and b, a and b or c)
local function r1() return a and b end
local function r2() return a or b end
local function r3() return not a end
local function r4() return a == b end
local t = {a or 1, b and 2, x = c or 3, [a or "k"] = b and c}
local s = (a or "") .. (b and "b" or "") .. (c or "")
local v = t[a and 1 or 2]
f(a or b, b and c, (a or b))
local n = #(a or t)
print(r1(), r2(), r3(), r4(), s, v, n)
