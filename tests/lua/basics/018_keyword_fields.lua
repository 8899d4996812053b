local t = {["end"] = 1, ["if"] = 2, ["and"] = 3, [1] = "one", ["nil"] = 4}
print(t["end"], t["if"], t["and"], t[1], t["nil"])
local u = {x = 1, ["x"] = 2}
print(u.x)
local v = {[1] = "a", "b"}
print(v[1])
local w = {"b", [1] = "a"}
print(w[1])
local k = {}
local z = {[k] = "tablekey", [true] = "bool", [2.5] = "float"}
print(z[k], z[true], z[2.5], z[false])
