local t1, t2 = {}, {}
print(t1 == t1, t1 == t2, t1 ~= t2)
print("abc" == "a" .. "bc", 1 == 1.0, 0 == -0)
local nan = 0 / 0
print(nan == nan, nan ~= nan, nan < nan, nan > 1)
print(nil == false, false == false)
print(print == print, print == type)
local f = function() end
local g = f
print(f == g, f == function() end)
print(1 == "1", "1" == 1)
print(rawequal(t1, t1), rawequal(t1, t2), rawequal("a", "a"), rawequal(1, 1.0))
print(rawequal(nan, nan))
