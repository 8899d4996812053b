-- repeat whose until-condition reads an upvalue-captured local, with breaks
local keep = {}
local n = 0
repeat
  local current = n
  keep[#keep + 1] = function() return current end
  n = n + 1
  if n == 10 then break end
until current >= 4
local m = 0
while m < 5 do
  m = m + 1
  repeat
    local inner = m
    keep[#keep + 1] = function() return inner end
    if inner % 2 == 0 then break end
  until inner > 0
end
print(#keep, keep[1](), keep[5](), keep[#keep]())
