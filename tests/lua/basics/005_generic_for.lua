local t = {10, 20, 30, nil, 50}
for i, v in ipairs(t) do print("ipairs", i, v) end
local keys = {}
for k in pairs({a = 1, b = 2, c = 3, 1, 2}) do keys[#keys + 1] = tostring(k) end
table.sort(keys)
print(table.concat(keys, " "))
-- a stateless iterator
local function iter(n, i)
  if i < n then return i + 1, (i + 1) * (i + 1) end
end
for i, sq in iter, 4, 0 do print("sq", i, sq) end
-- a closure iterator
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = 0
for i in range(100) do s = s + i end
print("sum", s)
-- iterator returning several values
local function triples()
  local i = 0
  return function()
    i = i + 1
    if i <= 2 then return i, i * 2, i * 3 end
  end
end
for a, b, c in triples() do print(a, b, c) end
-- string.gmatch as iterator
for w in string.gmatch("one two three", "%a+") do io.write("[", w, "]") end
print()
-- calling a non-function in for
print(pcall(function() for x in 5 do end end))
print(pcall(function() for k, v in {} do end end))
