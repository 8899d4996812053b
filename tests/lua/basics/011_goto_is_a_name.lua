-- in 5.1 'goto' is not a keyword
local goto = 5
print(goto)
local t = {goto = "field"}
print(t.goto)
local function continue() return "continue" end
print(continue())
local function f(goto) return goto * 2 end
print(f(21))
