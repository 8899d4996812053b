-- string constants are deduplicated; quotes of both kinds
local a = "hello"
local b = 'hello'
local c = "it's"
local d = 'say "hi"'
local e = ""
local f = ''
local g = "hello" .. 'hello'
local t = {hello = "hello", ["hello"] = a}
print(a, b, c, d, e, f, g, t.hello, #"", #'')
