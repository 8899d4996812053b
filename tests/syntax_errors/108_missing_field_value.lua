local t = {a = }
