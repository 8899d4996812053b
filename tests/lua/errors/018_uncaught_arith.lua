local counts = {}
counts.a = counts.a + 1
