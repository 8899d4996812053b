local obj = {count = 0}
obj.inc = function() obj.count = obj.count + 1; return obj end
obj.inc().inc().inc()
print(obj.count)
local function Y(f) return function(...) return f(Y(f), ...) end end
local fact = Y(function(self, n) if n == 0 then return 1 end return n * self(n - 1) end)
print(fact(7))
