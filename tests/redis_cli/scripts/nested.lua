local t = {}
for i = 1, 11 do t[i] = {i, tostring(i), {'a\n"b\\', i * 1.5, {}}} end
return t
