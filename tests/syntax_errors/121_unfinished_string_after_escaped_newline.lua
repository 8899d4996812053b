local s = "first\
second