local x = 1 "a string with \"escapes\" and \n"
