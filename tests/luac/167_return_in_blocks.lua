-- return and break as the last statement of inner blocks
local function find(t, x)
  for i, v in ipairs(t) do
    if v == x then return i end
  end
  do return nil end
end
local function classify(n)
  if n > 0 then do return "pos" end end
  while true do
    if n == 0 then return "zero" end
    break
  end
  repeat return "neg" until true
end
local function first_even(t)
  local found
  for _, v in ipairs(t) do
    if v % 2 == 0 then found = v break end
  end
  return found
end
print(find({5, 6, 7}, 6), find({}, 1), classify(3), classify(0), classify(-3), first_even({1, 3, 8, 10}))
