local t = {}
t:m = 1
