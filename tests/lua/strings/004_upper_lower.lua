print(string.upper("Hello, World! 123"), string.lower("Hello, World! 123"))
print(("MiXeD"):lower(), ("MiXeD"):upper())
local hi = "\200\233\255"
print(hi:upper() == hi, hi:lower() == hi)
print(("a\0b"):upper():byte(1, -1))
print(string.upper(12), string.lower(""))
print(pcall(string.upper))
print(pcall(string.lower, {}))
