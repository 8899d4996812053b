local declared = {}
setmetatable(_G, {
  __newindex = function(t, k, v)
    if not declared[k] then error("assign to undeclared global '" .. k .. "'", 2) end
    rawset(t, k, v)
  end,
  __index = function(t, k) error("read of undeclared global '" .. k .. "'", 2) end,
})
local function declare(name) declared[name] = true end
declare("okvar")
okvar = 1
print(okvar)
print(pcall(function() badvar = 1 end))
print(pcall(function() return missing end))
setmetatable(_G, nil)
