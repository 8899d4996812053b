-- math.fmod/pow/atan2/ldexp with both arguments bad: lua5.1's gcc build
-- evaluates luaL_checknumber(L, 2) first, so the error blames #2.
print(pcall(math.fmod, "x", {}))
print(pcall(math.pow, nil, true))
print(pcall(math.atan2, {}, nil))
print(pcall(math.ldexp, "a", "b"))
print(pcall(function() return math.fmod("x", {}) end))
print(pcall(function() return math.ldexp({}, 1.5) end))
print(pcall(function() return math.ldexp(1, "b") end))
print(pcall(function() return math.pow("2", "3") end))
-- one bad argument: that one
print(pcall(math.fmod, "x", 2))
print(pcall(math.atan2, 1, nil))
-- and the functions taking more arguments check from the first
print(pcall(math.max, "x", {}))
print(pcall(math.min, 1, "y", {}))
print(pcall(math.random, "a", "b"))
