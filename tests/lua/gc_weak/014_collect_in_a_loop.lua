-- collectgarbage() in a loop (each call pays for its cycle): every cycle
-- clears the weak entries of what became unreachable.
local t = setmetatable({}, {__mode = "k"})
local kept = {}
for i = 1, 200 do
  t[{}] = i
  if i % 50 == 0 then
    local k = {}
    kept[#kept + 1] = k
    t[k] = i
  end
  assert(collectgarbage() == 0)
end
local n = 0
for k, v in pairs(t) do n = n + 1 end
print(n)
for i = 1, 3 do print(collectgarbage("collect")) end
print(collectgarbage("step", 0) ~= nil, type(collectgarbage("count")))
