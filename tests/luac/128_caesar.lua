-- Caesar and ROT13 ciphers with string.byte/char arithmetic
local function shift(s, k)
  return (s:gsub("%a", function(c)
    local base = c:match("%l") and ("a"):byte() or ("A"):byte()
    return string.char((c:byte() - base + k) % 26 + base)
  end))
end
local msg = "Hello, World! Lua 5.1"
local enc = shift(msg, 3)
print(enc, shift(enc, -3), shift(shift(msg, 13), 13) == msg)
