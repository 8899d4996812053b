local function adder(x) return function(y) x = x + y; return x end end
local a = adder(10)
print(a(1), a(1), a(5))
local function compose(f, g) return function(...) return f(g(...)) end end
local inc = function(x) return x + 1 end
local dbl = function(x) return x * 2 end
print(compose(inc, dbl)(5), compose(dbl, inc)(5))
local function partial(f, x) return function(...) return f(x, ...) end end
print(partial(math.max, 3)(1, 2), partial(string.rep, "ab")(3))
local function curry3(f) return function(a) return function(b) return function(c) return f(a, b, c) end end end end
print(curry3(function(a, b, c) return a .. b .. c end)("x")("y")("z"))
