-- integers to binary/hex strings without bit operators
local function to_base(n, base)
  local digits = "0123456789abcdefghijklmnopqrstuvwxyz"
  if n == 0 then return "0" end
  local neg = n < 0
  if neg then n = -n end
  local out = {}
  while n > 0 do
    local d = n % base
    table.insert(out, 1, digits:sub(d + 1, d + 1))
    n = (n - d) / base
  end
  return (neg and "-" or "") .. table.concat(out)
end
local function popcount(n)
  local c = 0
  while n > 0 do c = c + n % 2; n = math.floor(n / 2) end
  return c
end
for _, n in ipairs({0, 1, 5, 255, 1024, -42}) do
  print(n, to_base(n, 2), to_base(n, 16), to_base(n, 36), popcount(math.abs(n)))
end
