-- a 200 000-deep non-tail recursion overflows the Lua stack (5.1 allows ~20 000 frames)
local depth = 0
local function down(n)
  depth = depth + 1
  if n == 0 then return 0 end
  return 1 + down(n - 1)
end
local ok, err = pcall(down, 200000)
print(ok, err)
print("overflowed between 10000 and 200000 frames:", depth > 10000 and depth < 200000)
-- the program carries on normally afterwards
depth = 0
print(down(1000), depth)
