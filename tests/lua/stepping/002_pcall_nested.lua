local function inner(x)
  local y = x * 2
  if y > 10 then error({value = y}) end
  return y
end
local function outer(x)
  local ok, r = pcall(inner, x)
  if ok then return "ok " .. r end
  return "caught " .. r.value
end
print(pcall(outer, 3))
print(pcall(outer, 8))
