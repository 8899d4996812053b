-- functions with more than 256 constants: operands that do not fit in RK
local lines = {"local t = {}"}
for i = 1, 300 do lines[#lines + 1] = string.format("t[%q] = %d.5", "key" .. i, i) end
lines[#lines + 1] = "local s = 0"
lines[#lines + 1] = "for k, v in pairs(t) do s = s + v end"
lines[#lines + 1] = "return t, s, t.key1 + t.key300, t['key299'] * 2, 'key' .. 150"
local t, s, a, b, c = loadstring(table.concat(lines, "\n"))()
print(s, a, b, c, t[c])
local cmp = {"local x = ..."}
for i = 1, 280 do cmp[#cmp + 1] = string.format("if x == %d then return 'hit %d' end", i * 3, i) end
cmp[#cmp + 1] = "if x == 'str' then return 'string' end return 'miss'"
local f = loadstring(table.concat(cmp, "\n"))
print(f(3), f(840), f(839), f("str"), f(nil))
local ar = {"local x = ..."}
for i = 1, 270 do ar[#ar + 1] = string.format("x = x + %d.25", i) end
ar[#ar + 1] = "return x, x > 1e4, -x"
print(loadstring(table.concat(ar, "\n"))(0))
