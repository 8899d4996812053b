print(loadstring("function f() return ... end"))
print(loadstring("local x = ... return x")("ok"))
print(pcall(select, "#"))
local function needs(...) local a, b, c = ...; return c == nil end
print(needs(1, 2))
