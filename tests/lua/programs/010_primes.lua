local function sieve(n)
  local is = {}
  for i = 2, n do is[i] = true end
  for i = 2, math.floor(math.sqrt(n)) do
    if is[i] then for j = i * i, n, i do is[j] = false end end
  end
  local out = {}
  for i = 2, n do if is[i] then out[#out + 1] = i end end
  return out
end
local p = sieve(1000)
print(#p, p[1], p[#p])
print(table.concat(sieve(60), " "))
local function factor(n)
  local f = {}
  local d = 2
  while n > 1 do
    while n % d == 0 do f[#f + 1] = d; n = n / d end
    d = d + 1
    if d * d > n and n > 1 then f[#f + 1] = n; break end
  end
  return table.concat(f, "*")
end
for _, n in ipairs({12, 97, 360, 1001, 65536, 999983}) do print(n, factor(n)) end
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return a end
print(gcd(48, 18), gcd(17, 5), gcd(0, 9))
