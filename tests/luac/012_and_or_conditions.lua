-- and/or in jump context: TEST without a target register
local a, b, c, d = f1(), f2(), f3(), f4()
if a and b then print(1) end
if a or b then print(2) end
if a and b or c then print(3) end
if a or b and c then print(4) end
if (a or b) and (c or d) then print(5) end
if not a and not b then print(6) end
if not (a and b) then print(7) end
if a and b and c and d then print(8) end
if a or b or c or d then print(9) end
while a and not b do a = f1() end
repeat c = f3() until c or d
if a == b and c ~= d or a < c then print(10) end
if a then elseif b or c then print(11) else print(12) end
if nil and a then print(13) end
if true or a then print(14) end
if a and true then print(15) end
if a or false then print(16) end
