local x = 7
print(1 < x, 10 < x, 7 <= x, 7 == x, "a" == x, nil == x, x == nil)
print(5 > x, x >= 7, 8 >= x, -x, -(-x), 2 * x, 2 ^ x, 100 % x)
if 3 < x and x < 10 then print("in range") end
if not (0 > x) then print("not negative") end
local s = "b"
print("a" < s, s < "c", "b" <= s, s .. "!" == "b!")
local t = {[7] = "seven"}
print(t[x], t[7.0], t[3 + 4], t[14 / 2])
while x > 0 do x = x - 3 end
print(x)
