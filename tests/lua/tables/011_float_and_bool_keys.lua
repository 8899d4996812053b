local t = {}
t[true] = "T"; t[false] = "F"; t[1] = "one"; t[1.5] = "one and half"; t[-1] = "minus one"
print(t[true], t[false], t[1], t[1.5], t[-1], t[0])
t[2^0] = "two to zero"
print(t[1])
local f = function() end
t[f] = "fn"
print(t[f])
t[t] = "self"
print(t[t])
local n = 0
for k in pairs(t) do n = n + 1 end
print(n)
print(#t)
