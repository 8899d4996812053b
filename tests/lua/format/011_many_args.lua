local fmt = string.rep("%d,", 30)
local args = {}
for i = 1, 30 do args[i] = i * i end
print(string.format(fmt, unpack(args)))
print(string.format("%s %s %s", "only", "three", "used", "ignored", "too"))
print(pcall(string.format, string.rep("%d", 31), unpack(args)))
local t = setmetatable({}, {__tostring = function() return "T!" end})
print(pcall(string.format, "%s", t))
print(string.format("%s", tostring(t)), string.format("%d%%", 50))
print(string.format("%-3s|%3s|", "abcdef", "abcdef"))
print(string.format("[%5s][%-5s][%.1s]", 1.5, true and "yes", "xyz"))
