local x = 0
local function bump() x = x + 1; if x == 2 then error("at two") end; return x end
print(pcall(bump))
print(pcall(bump))
print(pcall(bump))
print(x)
local cl
do
  local v = "captured"
  local ok = pcall(function() cl = function() return v end; error("x") end)
  print(ok)
end
print(cl())
