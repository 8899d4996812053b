-- code after "do return end" is still compiled
local function f(x)
  do return x end
  print("unreachable")
  local y = x * 2
  return y
end
local function g()
  while true do
    do break end
    print("after break")
  end
  return "g"
end
print(f(1), g())
do return end
print("main unreachable")
