-- complex numbers: arithmetic metamethods and polar form
local C = {}
C.__index = C
local function complex(re, im) return setmetatable({re = re, im = im or 0}, C) end
local function lift(x) return type(x) == "number" and complex(x) or x end
C.__add = function(a, b) a, b = lift(a), lift(b) return complex(a.re + b.re, a.im + b.im) end
C.__sub = function(a, b) a, b = lift(a), lift(b) return complex(a.re - b.re, a.im - b.im) end
C.__mul = function(a, b)
  a, b = lift(a), lift(b)
  return complex(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
end
C.__div = function(a, b)
  a, b = lift(a), lift(b)
  local d = b.re ^ 2 + b.im ^ 2
  return complex((a.re * b.re + a.im * b.im) / d, (a.im * b.re - a.re * b.im) / d)
end
C.__pow = function(a, n)
  local r = complex(1)
  for _ = 1, n do r = r * a end
  return r
end
C.__tostring = function(z) return string.format("%g%+gi", z.re, z.im) end
function C:abs() return math.sqrt(self.re ^ 2 + self.im ^ 2) end
function C:arg() return math.atan2(self.im, self.re) end
local i = complex(0, 1)
print(tostring(i * i), tostring((1 + i) ^ 4), tostring((3 + 4 * i) / (1 - i)), (3 + 4 * i):abs())
