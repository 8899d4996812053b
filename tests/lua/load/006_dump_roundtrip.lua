local function sample(a, b)
  local t = {a = a, b = b}
  for i = 1, 3 do t[i] = i * a end
  return t.a + t.b + t[3], "str", 1.5, nil, true
end
local bin = string.dump(sample)
print(type(bin), bin:byte(1), bin:sub(2, 4))
local back = loadstring(bin)
print(back(2, 3))
print(loadstring(bin, "=dumped")(1, 1))
local lf = load(function() local s = bin; bin = nil; return s end)
print(lf(0, 0))
print(loadstring(string.dump(loadstring("return ...")))(7, 8))
print(pcall(string.dump, coroutine.create(function() end)))
local withup = (function() local u = 1; return function() return u end end)()
local nu = loadstring(string.dump(withup))
print(pcall(nu))
print(loadstring("\27Lua garbage"))
