local function gen(n) local t = {} for i = 1, n do t[i] = i end return unpack(t) end
print(select("#", gen(100)), select("#", gen(250)))
local t = {gen(200)}
print(#t, t[200])
print(select(199, gen(200)))
local function count(...) return select("#", ...) end
print(count(gen(1000)))
print(math.max(gen(500)))
print(string.char(gen(10)):byte(10))
