-- merge overlapping intervals
local function merge(intervals)
  table.sort(intervals, function(a, b) return a[1] < b[1] end)
  local out = {}
  for _, iv in ipairs(intervals) do
    local last = out[#out]
    if last and iv[1] <= last[2] then
      if iv[2] > last[2] then last[2] = iv[2] end
    else
      out[#out + 1] = {iv[1], iv[2]}
    end
  end
  return out
end
local merged = merge({{1, 3}, {8, 10}, {2, 6}, {15, 18}, {17, 20}, {6, 7}})
for _, iv in ipairs(merged) do io.write("[", iv[1], ",", iv[2], "] ") end
print()
