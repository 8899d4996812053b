-- repeat-until: the condition sees locals declared in the body
local n = 0
repeat
  local sq = n * n
  n = n + 1
until sq > 50
local tries = 0
repeat
  local ok, value = pcall(tonumber, "1" .. tries)
  tries = tries + 1
until ok and value or tries > 3
repeat until true
repeat local x = 1 until x
repeat
  local a, b = n % 3, n % 5
  n = n + 1
until a == 0 and b == 0
print(n, tries)
