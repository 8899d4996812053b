local function collect(a, b, c)
  local t = {}
  if c then
    for i = a, b, c do t[#t + 1] = i end
  else
    for i = a, b do t[#t + 1] = i end
  end
  return table.concat(t, " ")
end
print(collect(1, 5))
print(collect(5, 1))
print(collect(5, 1, -1))
print(collect(1, 2, 0.5))
print(collect(0, 1, 0.25))
print(collect(10, 1, -3))
print(collect(1, 1))
print(collect(-2, 2, 2))
print(collect("1", "3"))
print(collect(1, "2", "0.5"))
-- the control variable is a local copy
for i = 1, 3 do
  local j = i
  i = i * 10
  io.write(j, ":", i, " ")
end
print()
-- bounds evaluated once
local limit = 3
local count = 0
for i = 1, limit do limit = 10; count = count + 1 end
print(count, limit)
-- float accumulation
local c = 0
for x = 0, 1, 0.1 do c = c + 1 end
print("steps", c)
print(pcall(function() for i = 1, "x" do end end))
print(pcall(function() for i = {}, 2 do end end))
print(pcall(function() for i = 1, 2, nil do end end))
