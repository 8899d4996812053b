local t = {1, 2, 3, a = "x"}
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(n)
local f1 = pairs({})
local f2 = pairs({1})
print(f1 == f2, type(f1))
local i1 = ipairs({})
print(i1 == ipairs({1}), i1 == f1)
print(pcall(pairs))
print(pcall(pairs, "str"))
print(next({}, nil))
local k = next({x = 1})
print(k)
