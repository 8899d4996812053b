-- conditions on constants: no test for always-true, a plain jump for always-false
if true then print("t") end
if false then print("f") end
if nil then print("n") else print("else") end
if 1 then print("1") end
if "s" then print("s") end
if not nil then print("not nil") end
if not 1 then print("not 1") end
while not false do break end
repeat local q = 1 until not nil
repeat until 0
if true and x then print("tx") end
if false or x then print("fx") end
if x and nil then print("xn") end
local v = true and 1 or 2
local w = nil or false
local u = false and x
local s = 1 and nil
print(v, w, u, s)
