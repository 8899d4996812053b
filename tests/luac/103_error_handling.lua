-- error, pcall, error objects and levels
local function risky(n)
  if n < 0 then error("negative: " .. n, 2) end
  if n == 0 then error({code = 42}) end
  return math.sqrt(n)
end
local function try(f, ...)
  local ok, res = pcall(f, ...)
  if ok then return "ok: " .. tostring(res) end
  if type(res) == "table" then return "error code " .. res.code end
  return "error: " .. res
end
print(try(risky, 16))
print(try(risky, 0))
print(try(risky, -1))
print(select("#", pcall(error)))
local ok, msg = pcall(function() local x = nil; return x.field end)
print(ok, msg)
print(xpcall(function() error("deep") end, function(m) return "handled: " .. m end))
