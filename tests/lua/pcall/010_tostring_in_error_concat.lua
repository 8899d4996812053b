local function safe(f, ...)
  local r = {pcall(f, ...)}
  if r[1] then return "ok: " .. tostring(r[2]) end
  return "error: " .. tostring(r[2])
end
print(safe(function(a, b) return a / b end, 1, 0))
print(safe(function(a, b) return a .. b end, 1, nil))
print(safe(function(t) return t.x.y end, {}))
print(safe(function(t) return #t end, {1, 2}))
print(safe(string.rep, "x", 2))
print(safe(error))
