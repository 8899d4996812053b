print(#"", #"a", #"hello\0world")
print(#{}, #{1, 2, 3}, #{n = 3})
local t = {}
for i = 1, 10 do t[i] = i end
print(#t)
t[10] = nil
print(#t)
t[5] = nil
print(#t)
local u = {1, 2, 3}
u[#u + 1] = 4
u[#u + 1] = 5
print(#u)
print(#{1, 2, nil})
print(#{nil, nil, 3})
print(#{1, nil, 3})
print(pcall(function() return #5 end))
print(pcall(function() return #nil end))
