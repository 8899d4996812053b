-- not folded on constants, jump-list swapping on expressions
local a = f()
local x1 = not nil
local x2 = not false
local x3 = not true
local x4 = not 0
local x5 = not "s"
local x6 = not not nil
local x7 = not a
local x8 = not not a
local x9 = not not not a
local x10 = not (a == 1)
local x11 = not (a and a.b)
local x12 = not (a or a.b)
if not not a then print("truthy") end
if not (not a or not x7) then print("both") end
print(x1, x2, x3, x4, x5, x6, x7, x8, x9, x10, x11, x12)
