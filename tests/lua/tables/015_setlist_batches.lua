-- constructors longer than one SETLIST batch (50 items), with a multi-value call at the end
local function many(n) local t = {} for i = 1, n do t[i] = i end return unpack(t) end
local items = {}
for i = 1, 120 do items[i] = tostring(i) end
local src = "return {" .. table.concat(items, ", ") .. "}"
local t = loadstring(src)()
print(#t, t[1], t[50], t[51], t[100], t[101], t[120])
local u = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, many(60)}
print(#u, u[52], u[53], u[112])
local v = {many(200)}
print(#v, v[200])
local w = {x = 1, many(3), y = 2, many(2)}
print(#w, w[1], w[2], w[3], w.x, w.y)
local mixed = {}
for i = 1, 60 do mixed[#mixed + 1] = "k" .. i .. " = " .. i end
local m = loadstring("return {" .. table.concat(mixed, ", ") .. ", 'a', 'b'}")()
print(m.k1, m.k60, m[1], m[2], #m)
local nils = {nil, nil, nil, many(2)}
print(nils[4], nils[5], select("#", unpack(nils, 1, 5)))
