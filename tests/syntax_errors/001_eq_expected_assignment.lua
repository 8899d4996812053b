local a, b = 1, 2
a, b c = 3
