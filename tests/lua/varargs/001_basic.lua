local function f(...) return select("#", ...), ... end
print(f())
print(f(nil))
print(f(1, nil, 3))
print(f(nil, nil))
local function g(a, b, ...) return a, b, select("#", ...) end
print(g(1))
print(g(1, 2, 3, 4))
local function pack(...) return {n = select("#", ...), ...} end
local p = pack(1, nil, 3, nil)
print(p.n, p[1], p[2], p[3], p[4])
local function last(...) local n = select("#", ...); if n > 0 then return (select(n, ...)) end end
print(last(1, 2, 3), last())
