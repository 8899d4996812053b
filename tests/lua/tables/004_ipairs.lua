local t = {1, 2, nil, 4}
local n = 0
for i, v in ipairs(t) do n = n + 1 end
print(n)
local f, s, i = ipairs(t)
print(type(f), s == t, i)
print(f(t, 0))
print(f(t, 1))
print(f(t, 2))
print(f(t, 3))
local h = {[1] = "a", [2] = "b", [4] = "d"}
for i, v in ipairs(h) do io.write(i, v, " ") end
print()
print(pcall(ipairs))
print(pcall(ipairs, nil))
local p = setmetatable({}, {__index = function(t, k) if k <= 3 then return k * 10 end end})
for i, v in ipairs(p) do io.write(i, "=", v, " ") end
print()
