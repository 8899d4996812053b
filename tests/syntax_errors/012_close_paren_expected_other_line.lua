print(1,
  2,
  3

local x = 1
