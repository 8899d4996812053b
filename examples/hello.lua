-- Hello from pylua: a function, a loop, a closure.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end

local c = counter()
for i = 1, 3 do
  print("hello", i, c())
end
