-- calls nested in argument lists, multiple results adjusted to one
local function two() return 1, 2 end
local function id(...) return ... end
print(id(id(id(two()))))
print(two(), two())
print((two()))
print(id(two(), two(), two()))
local t = {id(two()), id((two()))}
local a, b, c, d = id(two()), id(two())
print(#t, a, b, c, d, select("#", id(nil, nil)))
print(string.rep(string.char(65 + select(2, two())), select(2, two())))
