-- the 'until' condition sees the body's locals
local i = 0
repeat local done = i >= 3; i = i + 1 until done
print(i)
-- upvalues captured in a repeat body, condition refers to them
local fs = {}
local n = 0
repeat
  local x = n
  fs[#fs + 1] = function() return x end
  n = n + 1
until x >= 2
print(#fs, fs[1](), fs[2](), fs[3]())
-- break out of repeat with a captured local
local g
repeat
  local y = "captured"
  g = function() return y end
  break
until false
print(g())
-- nested repeat/while/for with breaks
local log = {}
for a = 1, 3 do
  local b = 0
  repeat
    b = b + 1
    while true do
      if b == 2 then break end
      log[#log + 1] = a .. ":" .. b
      break
    end
  until b >= a
end
print(table.concat(log, " "))
