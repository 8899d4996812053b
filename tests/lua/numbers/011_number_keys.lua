local t = {}
t[1] = "a"
t[1.0] = "b"
print(t[1])
t[2^53] = "big"
print(t[2^53], t[2^53 + 1])
t["1"] = "s"
print(t[1], t["1"])
t[0.5] = "half"
print(t[0.5], t[1/2])
t[-0] = "zero"
print(t[0])
local cnt = 0
for k, v in pairs(t) do cnt = cnt + 1 end
print(cnt)
t[1e300] = "huge"
print(t[1e300], t[math.huge])
t[math.huge] = "inf"
print(t[1/0])
