local t = {}
t.end = 1
