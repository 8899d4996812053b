-- assigning to the visible loop variable does not affect the iteration
local seen = {}
for i = 1, 5 do
  seen[#seen + 1] = i
  i = i * 100
  seen[#seen + 1] = i
end
for k, v in ipairs({"a", "b"}) do
  k = k .. "!"
  v = nil
  seen[#seen + 1] = k
end
print(table.concat(seen, " "))
