-- a new local is not in scope in its own initialiser
local x = 1
local x = x + 1
local x, y = x * 2, x
do local x = x print(x) end
local print = print
local function print2(...) print(...) end
local string = string
local len = string.len
for x = x, x + 2 do local x = x * 10 print2(x) end
print(x, y, len("abc"))
