-- gcd, lcm, prime factorisation, perfect numbers
local function gcd(a, b)
  while b ~= 0 do a, b = b, a % b end
  return a
end
local function lcm(a, b) return a / gcd(a, b) * b end
local function factors(n)
  local out, d = {}, 2
  while d * d <= n do
    while n % d == 0 do out[#out + 1] = d; n = n / d end
    d = d + 1
  end
  if n > 1 then out[#out + 1] = n end
  return out
end
local function is_perfect(n)
  local s = 1
  for d = 2, math.floor(math.sqrt(n)) do
    if n % d == 0 then s = s + d + (d * d ~= n and n / d or 0) end
  end
  return n > 1 and s == n
end
print(gcd(48, 18), lcm(4, 6), table.concat(factors(360), "*"))
for n = 1, 10000 do if is_perfect(n) then io.write(n, " ") end end
print()
