local fs = {}
for i = 1, 5 do
  local x = i * 10
  fs[#fs + 1] = function() x = x + 1; return x end
  if i == 3 then break end
end
print(#fs, fs[1](), fs[2](), fs[3](), fs[3]())
local function make()
  local list = {}
  for i = 1, 3 do
    local v = i
    list[i] = function() return v end
    if i == 2 then return list end
  end
end
local l = make()
print(#l, l[1](), l[2]())
local gs = {}
local k = 0
while true do
  k = k + 1
  local captured = k
  gs[k] = function() return captured end
  if k == 3 then break end
end
print(gs[1](), gs[2](), gs[3]())
local hs = {}
for _, name in ipairs({"a", "b"}) do
  for j = 1, 2 do
    hs[#hs + 1] = function() return name .. j end
  end
end
print(hs[1](), hs[2](), hs[3](), hs[4]())
local ok, f = pcall(function()
  local secret = "kept after error"
  local getter = function() return secret end
  error(getter)
end)
print(ok, type(f), f())
