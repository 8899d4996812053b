-- one CONCAT over many operands and calls with many arguments
local a, b = "a", "b"
local s = a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b ..
  a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b .. a .. b ..
  1 .. 2 .. 3 .. 4 .. 5 .. 6 .. 7 .. 8 .. 9 .. 10 .. "end"
print(#s, select("#", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40))
