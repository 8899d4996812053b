local total = 0
for i = 1, 20000 do
  local t = {i, i * 2, s = tostring(i)}
  total = total + t[2]
end
print(total)
local s = {}
for i = 1, 5000 do s[#s + 1] = ("%d"):format(i) end
print(#table.concat(s))
collectgarbage()
print(collectgarbage("count") < 100000)
