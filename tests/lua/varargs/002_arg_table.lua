-- 5.1: a vararg function that does not use '...' gets the implicit 'arg' table
local function old(...)
  return arg.n, arg[1], arg[2], arg[3]
end
print(old("a", nil, "c"))
print(old())
local function uses_dots(...)
  local n = select("#", ...)
  return n, arg
end
print(uses_dots(1, 2))
local function both(...)
  local t = {...}
  return #t
end
print(both(1, 2, 3))
print(type(arg), arg[0], #arg)
print(select("#", ...))
