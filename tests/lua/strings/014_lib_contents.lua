local function keys(t)
  local k = {}
  for name in pairs(t) do k[#k + 1] = name end
  table.sort(k)
  return table.concat(k, " ")
end
print("string: " .. keys(string))
print("table: " .. keys(table))
print("math: " .. keys(math))
print("os: " .. keys(os))
print("io: " .. keys(io))
print("coroutine: " .. keys(coroutine))
print("debug: " .. keys(debug))
print("package: " .. keys(package))
local g = {}
for k, v in pairs(_G) do if type(v) == "function" then g[#g + 1] = k end end
table.sort(g)
print("functions: " .. table.concat(g, " "))
g = {}
for k, v in pairs(_G) do if type(v) ~= "function" then g[#g + 1] = k .. ":" .. type(v) end end
table.sort(g)
print("others: " .. table.concat(g, " "))
print(_VERSION)
