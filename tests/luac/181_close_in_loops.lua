-- CLOSE at the end of loop bodies and before breaks out of nested loops
local fns = {}
for i = 1, 3 do
  for k, v in pairs({a = i}) do
    local pair = k .. v
    fns[#fns + 1] = function() return pair, i end
    if i == 2 then break end
  end
  if i == 3 then
    local last = i
    fns.last = function() return last end
    break
  end
end
local j = 0
while j < 3 do
  j = j + 1
  local jj = j
  do
    local captured = jj * 2
    fns[#fns + 1] = function() return captured end
  end
end
print(#fns, fns[1](), fns.last(), fns[#fns]())
