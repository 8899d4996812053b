local function safe_div(a, b)
  if b == 0 then error("division by zero") end
  return a / b
end
print(pcall(safe_div, 10, 2))
print(pcall(safe_div, 1, 0))
local total = 0
for i = 1, 3 do
  local ok, v = pcall(safe_div, 6, i)
  if ok then total = total + v end
end
print(total)
