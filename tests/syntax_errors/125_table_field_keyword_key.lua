local t = {function = 1}
