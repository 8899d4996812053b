-- return with zero, one, several and a variable number of values
local function none() return end
local function one() return 1 end
local function two() return 1, 2 end
local function call() return two() end
local function paren() return (two()) end
local function mixed() return 0, two() end
local function vararg(...) return ... end
local function first(...) return (...) end
local function expr(a, b) return a + b, a - b, a * b end
local function local_ret() local x = 5 return x end
local function cond(x) if x then return "yes" else return "no" end end
local function early(x)
  if x < 0 then return end
  return x
end
local function semicolon() return 1; end
local function do_return() do return 1 end end
print(none(), one(), two(), call(), paren(), mixed(), vararg(1, 2), first(3, 4))
print(expr(5, 3), local_ret(), cond(true), early(-1), semicolon(), do_return())
return 1, 2, 3
