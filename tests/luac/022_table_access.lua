-- GETTABLE/SETTABLE with register and constant keys and values
local t = {}
t.a = 1
t["b"] = 2
t[1] = "one"
t[2.5] = true
t[true] = false
local k = "dyn"
t[k] = k
t[k .. "2"] = t[k]
t.a = t.a + t.b
t.nested = {}
t.nested.deep = {}
t.nested.deep.value = t.a
local v = t.nested.deep.value
local w = t[1] .. t["a"]
local i = 3
t[i] = t[i - 1]
t[i + 1] = nil
glob.x.y = glob.y.x
print(v, w, t[k], t.dyn2, t[i])
