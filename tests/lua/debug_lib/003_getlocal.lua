local function f(a, b)
  local c = a + b
  local d = "str"
  local names = {}
  local i = 1
  while true do
    local name, value = debug.getlocal(1, i)
    if not name then break end
    names[#names + 1] = name .. "=" .. (type(value) == "table" and "<table>" or tostring(value))
    i = i + 1
  end
  return table.concat(names, " ")
end
print(f(1, 2))
local function g(x, y, ...)
  local n3, v3 = debug.getlocal(1, 3)
  return debug.getlocal(1, 1), debug.getlocal(1, 2), n3, type(v3), v3.n, v3[1]
end
print(g(10, 20, 30))
print(pcall(debug.getlocal, 50, 1))
local function h()
  local z = 1
  do local inner = 2 end
  return debug.getlocal(1, 2)
end
print(h())
local function setter()
  local v = "before"
  debug.setlocal(1, 1, "after")
  return v
end
print(setter())
print(debug.setlocal(1, 100, "x"))
