-- LF, CR, CRLF and LFCR line breaks mixed (each pair is one break)
local a = 1local b = 2
local c = [[x
yz
w]]


local d = "e\
f"
print(a, b,
 c, d)
