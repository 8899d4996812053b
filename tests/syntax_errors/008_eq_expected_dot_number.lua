local t = {}
t.1 = 2
