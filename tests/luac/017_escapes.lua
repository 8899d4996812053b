-- every escape sequence of Lua 5.1 (decimal escapes, no \x or \z)
local s1 = "bell\a back\b form\f nl\n cr\r tab\t vt\v"
local s2 = "backslash\\ dq\" sq\x27 q\?"
local s3 = 'single \' double \" inside'
local s4 = "\0\1\2\10\13\65\066\0651\255"
local s5 = "\9\99\0999"
local s6 = "line one\
line two\
line three"
local s7 = "unknown escapes: \q \z \x41 \u"
local s8 = "\\n is not a newline"
local s9 = "\127\128\200"
print(s1, s2, s3, s4, s5, s6, s7, s8, s9, #s4)
