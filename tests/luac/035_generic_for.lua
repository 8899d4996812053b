-- generic for over pairs/ipairs/next, custom iterators and many variables
local t = {10, 20, 30, x = 1, y = 2}
for k, v in pairs(t) do print(k, v) end
for i, v in ipairs(t) do print(i, v) end
for k in next, t do print(k) end
local function range(n)
  local i = 0
  return function()
    i = i + 1
    if i <= n then return i end
  end
end
for i in range(3) do print(i) end
local function multi(s, c)
  if c < 3 then return c + 1, c * 2, c * 3, c * 4, c * 5 end
end
for a, b, c, d, e in multi, nil, 0 do print(a, b, c, d, e) end
for w in string.gmatch("one two three", "%a+") do print(w) end
for k, v in pairs(t) do
  for i, x in ipairs(t) do
    if x == v then print(k, i) end
  end
end
local fns = {}
for k, v in pairs(t) do fns[#fns + 1] = function() return k, v end end
print(#fns)
