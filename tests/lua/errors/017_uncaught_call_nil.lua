local t = {}
print("calling")
t.method()
