local t = {count = 0}
local function mutate()
  t.count = t.count + 1
  local partial = {}
  partial[1] = "x"
  error("fail after mutation")
end
print(pcall(mutate))
print(t.count)
local s = 0
for i = 1, 100 do
  local ok = pcall(function() s = s + i; if i % 10 == 0 then error("ten") end end)
end
print(s)
local function f(n)
  if n == 0 then error("bottom") end
  local ok, e = pcall(f, n - 1)
  return "wrapped(" .. tostring(e) .. ")"
end
print(f(3))
