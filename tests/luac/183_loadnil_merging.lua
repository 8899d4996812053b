-- when LOADNIL is elided (function start), merged (adjacent) or kept (jump target)
local function start(a) local b, c return a, b, c end
local function after_code(a) a = 1 local b local c return b, c end
local function after_target(a)
  local b
  if a then a = 2 end
  local c
  local d, e
  return b, c, d, e
end
local function in_loop(n)
  for i = 1, n do local x local y print(x, y) end
  while n > 0 do local z n = n - 1 end
end
local function explicit() local a = nil local b = nil, nil local c, d = nil return a, b, c, d end
local function nil_assign() local a, b = 1, 2 a, b = nil, nil a = nil return a, b end
local t = {nil, nil, 1, nil}
print(start(1), after_code(), after_target(true), in_loop(2), explicit(), nil_assign(), #t)
