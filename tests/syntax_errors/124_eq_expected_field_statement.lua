local t = {}
t.a.b
