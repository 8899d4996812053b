x = 10
local x = 20
print(x, _G.x)
do
  local x = 30
  print(x)
  x = 31
  print(x)
end
print(x)
local a, b, c = 1, 2
print(a, b, c)
a, b = b, a
print(a, b)
local t = {}
local i = 1
i, t[i] = i + 1, 20
print(i, t[1], t[2])
g1, g2 = "one"
print(g1, g2)
print(rawget(_G, "x"), rawget(_G, "undefined_global"))
local function shadow(x) local x = x * 2; return x end
print(shadow(4))
local y = 1
local y = y + 1
print(y)
print(undefined_global)
