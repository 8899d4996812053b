local vars = {user = "ann", home = "/home/ann"}
local s = ("$user lives in $home ($missing)"):gsub("%$(%w+)", function(name)
  local v = vars[name]
  if v then return v:upper() end
end)
print(s)
local n = 0
local r = ("a1b22c333"):gsub("%d+", function(d) n = n + #d; return "<" .. #d .. ">" end)
print(r, n)
