local s = "abc\0def"
print(#s)
print(s)
print("before", s, "after")
io.write(s, "\n")
io.write("x\0y\0z\n")
print(s:sub(4, 4) == "\0", s:byte(4))
print(s:upper():sub(5))
print(("%s"):format(s) == s, #("%s"):format(s))
print(s == "abc\0def", s == "abc", s < "abc\0dez", "abc" < s)
local t = {}
t[s] = 1
t["abc"] = 2
print(t[s], t["abc"])
print(string.rep("\0", 3) .. "|")
io.write(string.rep("\0", 3), "|\n")
print(tostring(s) == s)
