-- rational numbers normalised by their gcd
local Frac = {}
Frac.__index = Frac
local function gcd(a, b) while b ~= 0 do a, b = b, a % b end return math.abs(a) end
local function frac(n, d)
  d = d or 1
  if d < 0 then n, d = -n, -d end
  local g = gcd(n, d)
  return setmetatable({n = n / g, d = d / g}, Frac)
end
Frac.__add = function(a, b) return frac(a.n * b.d + b.n * a.d, a.d * b.d) end
Frac.__sub = function(a, b) return frac(a.n * b.d - b.n * a.d, a.d * b.d) end
Frac.__mul = function(a, b) return frac(a.n * b.n, a.d * b.d) end
Frac.__div = function(a, b) return frac(a.n * b.d, a.d * b.n) end
Frac.__eq = function(a, b) return a.n == b.n and a.d == b.d end
Frac.__lt = function(a, b) return a.n * b.d < b.n * a.d end
Frac.__tostring = function(a) return a.d == 1 and tostring(a.n) or a.n .. "/" .. a.d end
local sum = frac(0)
for k = 1, 6 do sum = sum + frac(1, k * (k + 1)) end
print(tostring(sum), tostring(frac(1, 2) * frac(2, 3)), frac(2, 4) == frac(1, 2), frac(1, 3) < frac(1, 2))
