-- nested pcall calls hit the C-call limit (LUAI_MAXCCALLS = 200)
local levels = 0
local function nest()
  levels = levels + 1
  return pcall(nest)
end
local r = {nest()}
print(r[#r])
print(r[#r - 1])
print("levels bounded:", levels > 100 and levels < 1000)
local all_true = true
for i = 1, #r - 2 do if r[i] ~= true then all_true = false end end
print("outer pcalls succeeded:", all_true)
