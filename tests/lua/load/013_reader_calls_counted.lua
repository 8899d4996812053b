-- lua_load pulls from the reader only as far as its lexer reads: a syntax
-- error found early stops the calls (the official calls.lua counts them).
local i = 0
local function read1(x)
  return function () i = i + 1; return string.sub(x, i, i) end
end
local a, b = load(read1("*a = 123"))
print(a, b, i)
i = 0
a, b = load(read1("x = = 1 and more text"))
print(a, b, i)
i = 0
a = load(read1("return 1 + 2"))
print(a(), i)
i = 0
a, b = load(read1("x = 'unfinished"))
print(a, b, i)
