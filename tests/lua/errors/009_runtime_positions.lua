local function a()
  local x = nil
  return x.field          -- line 3
end
local function b()
  return a()              -- tail call
end
local function c()
  local r = a()           -- line 9
  return r
end
print(pcall(a))
print(pcall(b))
print(pcall(c))
local t = {}
print(pcall(function()
  local v = t.x
  return v
    .y                    -- line 19
end))
print(pcall(function()
  return 1 +
    nil                   -- the error is reported on the operator's line
end))
