-- comparisons in conditions: the EQ/LT/LE test flag and swapped operands
local a, b = 1, 2
if a < b then print("lt") end
if a <= b then print("le") end
if a > b then print("gt") end
if a >= b then print("ge") end
if a == b then print("eq") end
if a ~= b then print("ne") end
if not (a < b) then print("not lt") end
if not (a == b) then print("not eq") end
if a == 1 then print("one") end
if 2 == b then print("two") end
if "s" ~= a then print("str") end
while a < 10 do a = a + 1 end
repeat b = b - 1 until b <= 0
if a == nil then print("nil") elseif a == true then print("true") end
