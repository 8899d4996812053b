local function none() end
local function one() return 1 end
local function many() return 1, 2, 3 end
local t = {none(), one(), many()}
print(#t, t[1], t[2], t[3], t[4])
t = {many(), many()}
print(#t)
print(many(), many())
print((many()))
local x, y, z = none()
print(x, y, z)
local s = string.format("%d %d %d", many())
print(s)
print(select("#", none()), select("#", (none())))
print(#{many(), nil}, #{nil, many()})
