-- unary minus, not, and # on every kind of operand
local x, t, s = 5, {1, 2, 3}, "hello"
local a = -x
local b = - -x
local c = not x
local d = not not x
local e = #t
local f = #s
local g = -#t
local h = not #t
local i = #"constant string"
local j = -"2"
local k = not nil
local l = not true
local m = not 0
local n = -(x + 1)
local o = #t + #s
local p = -glob
local q = #glob.field
print(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q)
