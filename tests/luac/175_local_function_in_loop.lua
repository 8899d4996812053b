-- local recursive functions created in each iteration, capturing the loop var
local results = {}
for depth = 1, 4 do
  local function descend(n)
    if n >= depth then return n end
    return descend(n + 1)
  end
  results[depth] = descend(0)
end
local makers = {}
for _, base in ipairs({2, 10}) do
  local function power(e) if e == 0 then return 1 end return base * power(e - 1) end
  makers[#makers + 1] = power
end
print(table.concat(results, " "), makers[1](8), makers[2](3))
