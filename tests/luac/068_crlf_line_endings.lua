-- CRLF line endings: each pair counts as one line
local a = 1
local b = [[first
second
thirdfourth]]
local c = "escaped \
newline"

local function f(x)
  return x
end
print(a, b, c,  f(2))
