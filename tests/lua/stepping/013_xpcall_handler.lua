local function handler(e)
  return "handled<" .. tostring(e) .. ">"
end
local function risky(n)
  if n > 2 then error("too big", 0) end
  return n
end
print(xpcall(function() return risky(1) end, handler))
print(xpcall(function() return risky(5) end, handler))
