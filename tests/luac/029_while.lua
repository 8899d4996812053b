-- while loops: constant conditions, nested loops, locals in the body
local i = 0
while i < 10 do
  i = i + 1
end
while true do
  i = i - 1
  if i == 5 then break end
end
while false do print("never") end
while nil do end
local n = 0
while n < 3 do
  local j = 0
  while j < n do
    local sq = j * j
    j = j + 1
    print(sq)
  end
  n = n + 1
end
while f() do end
while not done do done = step() end
print(i, n)
