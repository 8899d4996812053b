-- CLOSURE is followed by one MOVE (enclosing local) or GETUPVAL
-- (enclosing upvalue) pseudo-instruction per upvalue
local a, b, c = 1, 2, 3
local function f1() return a end
local function f2() return a, b, c end
local function f3()
  local d = 4
  return function() return a, d, b, c end
end
local function f4()
  return function()
    return function() return c, b end
  end
end
local function f5() return f1, f2 end
print(f1(), f2(), f3()(), f4()()(), f5())
