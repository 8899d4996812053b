-- unary operators and parentheses applied to '...'
local function f(...)
  local n = #...
  local m = -...
  local o = not ...
  local p = (...)
  local q = ... + 1
  local r = ... .. "!"
  local s = {(...)}
  return n, m, o, p, q, r, #s
end
print(f("42", 2, 3))
