local vals = {nil, false, true, 0, "s"}
local names = {"nil", "false", "true", "0", "s"}
local function show(v) if v == nil then return "nil" end return tostring(v) end
for i = 1, 5 do
  local row = {}
  for j = 1, 5 do
    local a, b = vals[i], vals[j]
    row[#row + 1] = show(a and b) .. "/" .. show(a or b)
  end
  print(string.format("%-5s", names[i]), table.concat(row, " "))
end
for i = 1, 5 do
  local a = vals[i]
  local r = {}
  if a then r[#r + 1] = "T" else r[#r + 1] = "F" end
  if not a then r[#r + 1] = "nT" else r[#r + 1] = "nF" end
  if a == nil then r[#r + 1] = "isnil" end
  if a ~= false then r[#r + 1] = "notfalse" end
  if a and a ~= 0 or false then r[#r + 1] = "and-or" end
  if not (a or nil) then r[#r + 1] = "nor" end
  print(names[i], table.concat(r, ","))
end
local x, y = 5, 10
print(x < y and "lt" or "ge", x > y and "gt" or "le", (x < y) == true, not (x < y))
print(1 < 2 and 2 < 3, 1 < 2 and 3 < 2 or "fallback", nil and nil or false)
local c = 0
local function inc() c = c + 1; return true end
local _ = false and inc()
_ = true or inc()
_ = nil or inc()
_ = inc() and inc()
print("calls", c)
local t = {}
print(t.a and t.a.b or "short-circuited")
print(#(x == 5 and "yes" or "no"), (nil or false) == false, (false or nil) == nil)
