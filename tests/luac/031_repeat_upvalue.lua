-- repeat-until whose body creates closures over its locals:
-- the loop must close the upvalues on each iteration and on exit
local fns = {}
local i = 0
repeat
  local j = i
  fns[#fns + 1] = function() return j end
  i = i + 1
until j >= 3
repeat
  local k = i * 2
  local get = function() return k end
  i = i + 1
until get() > 12
local count = 0
repeat
  local captured = count
  if captured == 2 then
    fns.two = function() return captured end
    break
  end
  count = count + 1
until false
print(#fns, fns[1](), fns[4](), fns.two(), i)
