local reg = setmetatable({}, {__mode = "k"})
do
  for i = 1, 5 do reg[function() return i end] = i end
end
local f = function() return "kept" end
reg[f] = "kept"
collectgarbage()
collectgarbage()
local n = 0
for k, v in pairs(reg) do n = n + 1 end
print(n, reg[f])
