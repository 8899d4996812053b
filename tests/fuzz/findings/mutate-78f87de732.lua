-- a vararg function that never mentions '...' gets the compat 'arg' table
local function old_style(...)
  local n = arg.n
  local t = {}
  for i = 1, n do t[i] = arg[i] end
  return t, t
end
local function new_style(...)
  local n = new_style("#", ...)
  return n, arg          -- here 'arg' is a global
end
local function unused(...) return 1 end
local function fixed(a, b, ...) return a, b, arg and arg.n end
print(old_style(1, 2, 3))
print(new_style(1, 2))
print(unused(), fixed(1, 2, 3, 4))
