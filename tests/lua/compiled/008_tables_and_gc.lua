-- table shapes in compiled code: arrays growing, holes, nil and NaN keys, weak tables
local function build(n)
  local t = {}
  for i = 1, n do t[i] = i * 2 end
  for i = 1, n, 3 do t[i] = nil end
  t.x, t.y = 1, 2
  t[1.5] = "half"
  t[true] = "yes"
  return t
end
for k = 1, 30 do build(10) end
local t = build(10)
local keys = {}
for k, v in pairs(t) do keys[#keys + 1] = tostring(k) .. "=" .. tostring(v) end
table.sort(keys)
print(#keys, table.concat(keys, " "))
print(pcall(function() local u = {} u[nil] = 1 end))
print(pcall(function() local u = {} u[0/0] = 1 end))
local function list(n) local l = {} for i = 1, n do l[#l + 1] = {i, i * i, name = "n" .. i} end return l end
for k = 1, 25 do list(5) end
local l = list(6)
print(#l, l[6][2], l[6].name, #l[1])
local weak = setmetatable({}, {__mode = "k"})
local function fill(w, n)
  for i = 1, n do w[{}] = i end
  local keep = {}
  w[keep] = "kept"
  return keep
end
for k = 1, 25 do fill(weak, 2) end
local keep = fill(weak, 100)
collectgarbage()
local c = 0
for k, v in pairs(weak) do c = c + 1 end
print(c, weak[keep])
local function grow(s, n) for i = 1, n do s = s .. i end return #s end
for k = 1, 30 do grow("", 10) end
print(grow("", 2000))
