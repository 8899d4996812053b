-- luaK_nil elides the LOADNIL of a first statement: the VM must give every
-- register of a new frame the value nil, temporaries included.
local function id(x) return x end
local try = function(p) N = nil; local rr = id(p); print(N, rr) end
try(true) try(true)
local function r() return nil end
local function fill(a, b, c, d) return a, b, c, d end
fill(1, 2, 3, 4)
print(r())
local function first(...) local x, y = ... ; return x, y end
print(first(1))
local function g(a) local b, c; return a, b, c end
fill(5, 6, 7, 8) print(g(9))
