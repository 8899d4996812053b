local vals = {5, -5, 5.5, -5.5, 0, 1e15}
local mods = {3, -3, 2.5, 1}
for _, a in ipairs(vals) do
  local row = {}
  for _, b in ipairs(mods) do row[#row + 1] = string.format("%.14g", a % b) end
  print(a, table.concat(row, " "))
end
print(3 % math.huge, -3 % math.huge)
print(0 % 5, -0 % 5)
print(2^53 % 2, (2^53 + 1) % 2)
