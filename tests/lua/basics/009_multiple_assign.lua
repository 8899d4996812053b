local function three() return 1, 2, 3 end
local function none() end
local a, b, c, d = three()
print(a, b, c, d)
a, b, c = three(), 10
print(a, b, c)
a, b, c = (three())
print(a, b, c)
a, b = none(), 5
print(a, b)
local t = {three(), three()}
print(#t, t[1], t[2], t[4])
t = {three(), (three())}
print(#t)
t = {none()}
print(#t)
print(three(), "end")
print((three()))
print(three(), three())
local x, y = 1
print(x, y)
local p, q = 1, 2, 3, print("extra evaluated")
print(p, q)
