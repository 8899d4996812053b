local function level3() error("deep error") end
local function level2()
  local ok, e = pcall(level3)
  return "level2 caught: " .. e
end
local function level1()
  local r = level2()
  error("rethrow: " .. r, 0)
end
print(pcall(level1))
local ok, e = pcall(function()
  local ok2, e2 = pcall(function()
    local ok3, e3 = pcall(error, "innermost", 0)
    error(e3 .. " > middle", 0)
  end)
  error(e2 .. " > outer", 0)
end)
print(ok, e)
local results = {}
for i = 1, 5 do
  results[#results + 1] = tostring((pcall(function() if i % 2 == 0 then error("even") end end)))
end
print(table.concat(results, " "))
