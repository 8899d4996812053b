print(table.concat({1, 1.5, 1e15, 1e16, -0.0, 1/3}, " "))
print(table.concat({"a", 2, "b"}, 3))
