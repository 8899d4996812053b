print())
