print("ok so far")
local s = string.rep("x", 3)
print(s:sub())
