print("about to throw a table")
error({code = 1})
