-- break leaves only the innermost loop
local found
for i = 1, 10 do
  for j = 1, 10 do
    if i * j == 42 then
      found = {i, j}
      break
    end
  end
  if found then break end
end
local n = 0
while true do
  n = n + 1
  repeat
    if n % 2 == 0 then break end
    n = n + 1
  until n > 100
  if n > 20 then break end
end
for k, v in pairs({a = 1, b = 2}) do
  while v > 0 do v = v - 1 if v == 1 then break end end
  break
end
print(found[1], found[2], n)
