-- compiled functions meet what they cannot do (metamethods, coercions,
-- non-plain builtins) in the middle of their loops: the interpreter goes on
local V = {}
V.__index = V
V.__add = function(a, b) return setmetatable({x = a.x + b.x}, V) end
V.__eq = function(a, b) return a.x == b.x end
V.__lt = function(a, b) return a.x < b.x end
V.__concat = function(a, b) return "V" .. tostring(type(a) == "table" and a.x or a) end
V.__tostring = function(v) return "V(" .. v.x .. ")" end
local function new(x) return setmetatable({x = x}, V) end
local function sum(t, n)
  local acc, s = new(0), 0
  for i = 1, n do
    acc = acc + t[i]
    s = s + "1" + i      -- string coercion
    if t[i] == new(3) then s = s + 100 end
    if t[i] < new(2) then s = s + 1000 end
  end
  return acc.x, s, tostring(acc), acc .. "!"
end
local t = {}
for i = 1, 10 do t[i] = new(i) end
for k = 1, 30 do sum(t, 10) end
print(sum(t, 10))
local proxy = setmetatable({}, {__index = function(_, k) return k * 2 end,
                                __newindex = function(t, k, v) rawset(t, k, v + 1) end})
local function use(p)
  local s = 0
  for i = 1, 20 do s = s + p[i]; p[i] = i end
  return s, p[1], p[20]
end
for k = 1, 25 do use(setmetatable({}, getmetatable(proxy))) end
print(use(proxy))
local out = {}
local function log(i) out[#out + 1] = string.format("%d:%s", i, tostring(i % 3 == 0)) ; print("line", i) end
for i = 1, 5 do log(i) end
print(table.concat(out, " "))
