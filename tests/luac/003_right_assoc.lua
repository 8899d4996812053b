-- '..' and '^' are right associative: a..b..c is one CONCAT,
-- a^b^c evaluates b^c first
local a, b, c = "x", "y", "z"
local s1 = a .. b .. c
local s2 = (a .. b) .. c
local s3 = a .. (b .. c)
local s4 = a .. b .. c .. a .. b .. c
local n1, n2, n3 = 2, 3, 2
local p1 = n1 ^ n2 ^ n3
local p2 = (n1 ^ n2) ^ n3
local p3 = 2 ^ 3 ^ 2           -- folded: 512
local p4 = (2 ^ 3) ^ 2         -- folded: 64
local s5 = 1 .. 2 .. 3         -- numbers are not folded by concat
local mixed = a .. n1 ^ n2 .. b
g1 = g2 .. g3 .. g4
print(s1, s2, s3, s4, p1, p2, p3, p4, s5, mixed, g1)
