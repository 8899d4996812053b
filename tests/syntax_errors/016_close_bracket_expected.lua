local t = {}
print(t[1 2])
