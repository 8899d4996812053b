-- proper tail calls do not grow the stack
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + 1)
end
print(count(200000, 0))
local function even(n) if n == 0 then return true end return odd(n - 1) end
function odd(n) if n == 0 then return false end return even(n - 1) end
print(even(100001), odd(100001))
local function loop(n) if n > 0 then return loop(n - 1) end return "done" end
print(loop(150000))
