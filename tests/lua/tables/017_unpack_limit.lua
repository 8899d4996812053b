-- unpack fails before making its results when they cannot fit the C
-- stack (LUAI_MAXCSTACK); a bound past 2^31 wraps to a negative int.
print(pcall(unpack, {}, 1, 1e8))
print(pcall(unpack, {}, 1, 2^31))
print(select("#", unpack({}, 1, 7000)))
print(pcall(unpack, {}, 1, 9000))
print(pcall(unpack, {}, 1, 2^31 - 1))
local t = {}
for i = 1, 7000 do t[i] = i end
print(select("#", unpack(t)), (select(7000, unpack(t))))
