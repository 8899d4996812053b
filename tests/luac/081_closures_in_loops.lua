-- closures created inside loops capture a fresh loop variable each time
local fs = {}
for i = 1, 3 do fs[#fs + 1] = function() return i end end
for _, v in ipairs({"a", "b"}) do fs[#fs + 1] = function() return v end end
local j = 0
while j < 2 do
  j = j + 1
  local k = j
  fs[#fs + 1] = function() return k end
end
for i = 1, 2 do
  local a = i
  for j = 1, 2 do
    local b = j
    fs[#fs + 1] = function() return a * 10 + b end
  end
end
for i = 1, #fs do io.write(tostring(fs[i]()), " ") end
print()
