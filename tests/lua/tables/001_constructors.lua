local t = {1, 2, 3, x = "a", ["y z"] = "b", [10] = "ten", 4; 5,}
print(#t, t[1], t[4], t[5], t.x, t["y z"], t[10])
local nested = {a = {b = {c = "deep"}}, {1, {2, {3}}}}
print(nested.a.b.c, nested[1][2][2][1])
local e = {}
print(next(e), #e)
local f = {[1] = "a", [2] = "b", [3] = "c"}
print(#f, f[3])
local function three() return 1, 2, 3 end
local g = {three(), three()}
print(#g)
local h = {three(), nil}
print(#h)
local i = {(three())}
print(#i)
local k = {["1"] = "str", [1] = "num"}
print(k["1"], k[1])
local m = {1, 2, [2] = "override?", 3}
print(m[2])
local n = {[1.0] = "float one", [2] = 2}
print(n[1])
