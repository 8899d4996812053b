print(type(load), type(loadstring), type(loadfile), type(dofile))
local f = loadstring("return 1 + 1")
print(f())
local parts = {"return ", "'pieces'", " .. '!'"}
local i = 0
local g = load(function() i = i + 1; return parts[i] end)
print(g())
print(type(load(function() return nil end)), load(function() return nil end)())
print(pcall(load))
print(loadstring("syntax error here"))
print(loadstring("return ...", "=named")(1, 2))
