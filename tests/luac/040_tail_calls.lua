-- TAILCALL for "return f(...)" only; not for parenthesised or partial returns
local function loop(n, acc)
  if n == 0 then return acc end
  return loop(n - 1, acc + n)
end
local obj = {}
function obj:step(n) if n > 0 then return self:step(n - 1) end return n end
local function a(x) return print(x) end
local function b(x) return (print(x)) end
local function c(x) return 1, print(x) end
local function d(...) return select("#", ...) end
local function e(f, ...) return f(...) end
local function g(t) return t.fn(t.arg) end
local function h() return string.format("%d", 1) end
local function i() return obj:step(3) end
print(loop(100, 0), a(1), b(2), c(3), d(1, 2), e(print, 4), h(), i())
return loop(10, 0)
