local a
a, f() = 1, 2
