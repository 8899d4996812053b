-- arbitrary precision addition and multiplication on digit strings
local function add(a, b)
  local out, carry = {}, 0
  local i, j = #a, #b
  while i >= 1 or j >= 1 or carry > 0 do
    local s = carry + (i >= 1 and a:byte(i) - 48 or 0) + (j >= 1 and b:byte(j) - 48 or 0)
    out[#out + 1] = s % 10
    carry = math.floor(s / 10)
    i, j = i - 1, j - 1
  end
  return table.concat(out):reverse()
end
local function mul_small(a, k)
  local r = "0"
  for _ = 1, k do r = add(r, a) end
  return r
end
local f = "1"
for n = 2, 30 do f = mul_small(f, n) end
print(add("999999999999999999999", "1"), f)
