print(1)
error("no position", 0)
