-- numeric for: FORPREP/FORLOOP, hidden control locals, expressions as bounds
local sum = 0
for i = 1, 10 do sum = sum + i end
for i = 1, 10, 2 do sum = sum + i end
local n = 5
for i = n, n * 2 do sum = sum - i end
for i = #arg, 1 do end
for i = f(), g(), h() do print(i) end
for i = 1, 3 do
  for j = i, 3 do
    for k = 1, j do sum = sum + i * j * k end
  end
end
for i = 1, 0 do print("never") end
local t = {}
for i = 1, 3 do t[i] = function() return i end end
print(sum, t[1](), t[3]())
