-- do-end blocks scope locals and reuse registers
local a = 1
do
  local a = 2
  do
    local a = 3
    print(a)
  end
  print(a)
end
do end
do local b = 4 end
do
  local c = 5
  f = function() return c end
end
do
  local d, e = 6, 7
  do local g = d + e print(g) end
end
print(a, f())
