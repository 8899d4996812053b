-- closures sharing and owning state
local function counter(start)
  local n = start or 0
  return function() n = n + 1 return n end,
         function() n = 0 end,
         function() return n end
end
local inc, reset, get = counter(10)
inc() inc()
local before = get()
reset()
local c2 = counter()
print(before, get(), c2())
local function adder(x) return function(y) return x + y end end
local add5 = adder(5)
print(add5(1), adder(2)(3))
