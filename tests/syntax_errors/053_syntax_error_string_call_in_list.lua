local y = {}
x, y.z, f"s" = 1, 2, 3
