local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do s = s + (select(i, ...)) end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, 4, 5))
local t = {10, 20, 30}
print(sum(unpack(t)))
print(math.max(unpack({3, 9, 2})))
local function reverse(...)
  local n = select("#", ...)
  local r = {}
  for i = n, 1, -1 do r[#r + 1] = (select(i, ...)) end
  return unpack(r, 1, n)
end
print(reverse(1, 2, 3))
print(select(-1, reverse(1, 2, 3)))
local function tail(_, ...) return ... end
print(tail(1, 2, 3), tail(1))
