local function count(...) return select("#", ...) end
local function pass(...) return count(...) end
print(pass(), pass(nil), pass(1, 2, 3), pass(nil, nil, nil))
local function mid(...) return count(..., "end") end
print(mid(1, 2, 3), mid())
local function paren(...) return count((...)) end
print(paren(1, 2, 3), paren())
local function tbl(...) local t = {..., "x"} return #t end
print(tbl(1, 2, 3))
local function tbl2(...) local t = {"x", ...} return #t end
print(tbl2(1, 2, 3))
local function first(...) local a = ... return a end
print(first(9, 8, 7))
local function two(...) local a, b = ... return a, b end
print(two(1), two(1, 2, 3))
