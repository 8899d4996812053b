-- comparisons used as values produce the LOADBOOL pair
local a, b = 1, 2
local lt = a < b
local le = a <= b
local gt = a > b
local ge = a >= b
local eq = a == b
local ne = a ~= b
local k1 = a < 10
local k2 = 10 < a
local k3 = "x" == "y"
local k4 = a ~= nil
local k5 = nil == false
local t = {a < b, a > b, a == b}
print(lt, le, gt, ge, eq, ne, k1, k2, k3, k4, k5, t)
g = a <= b
print(a < b, a ~= b)
