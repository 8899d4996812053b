-- break out of blocks whose locals are captured: JMP preceded by CLOSE
local saved = {}
for i = 1, 5 do
  local x = i * 10
  saved[i] = function() return x end
  if i == 3 then break end
end
local k = 0
while true do
  local y = k
  saved[#saved + 1] = function() y = y + 1; return y end
  k = k + 1
  if k > 2 then
    do
      local z = y
      saved.z = function() return z end
      break
    end
  end
end
for _, v in ipairs({1, 2}) do
  local w = v
  repeat
    local inner = w
    saved.inner = function() return inner, w end
    break
  until true
end
print(#saved, saved[1](), saved[3](), saved.z(), saved.inner())
