-- numeric for with fractional start, limit and step
local acc = {}
for x = 0, 1, 0.25 do acc[#acc + 1] = x end
for x = 1.5, 3.5 do acc[#acc + 1] = x end
for x = 1, 0, -0.1 do acc[#acc + 1] = x end
for x = 0.1, 0.3, 0.1 do acc[#acc + 1] = x end
for x = -0.5, 0.5, 1e-1 do acc[#acc + 1] = x end
for x = 1e3, 1e3 + 1, .5 do acc[#acc + 1] = x end
print(#acc, table.concat(acc, ","))
