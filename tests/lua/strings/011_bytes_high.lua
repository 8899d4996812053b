local s = ""
for i = 0, 255, 15 do s = s .. string.char(i) end
print(#s)
print(s:byte(1, -1))
io.write(s, "\n")
print(("\200\201"):upper():byte(1, -1))
print(string.format("%q", "\200\0\1\n"))
