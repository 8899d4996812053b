-- the main chunk is a vararg function; lua5.1 passes the script arguments
print(select("#", ...))
local a, b = ...
print(a, b)
local f = loadstring("return select('#', ...), ...")
print(f(1, 2, 3))
print(loadstring("return ...")("x", nil))
