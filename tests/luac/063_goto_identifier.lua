-- 'goto' is not a keyword in Lua 5.1: it is an ordinary name
local goto = 1
goto = goto + 1
local t = {goto = goto}
t.goto = t.goto * 2
function t.goto() return "method named goto" end
local function continue(goto) return goto end
for goto = 1, 2 do print(goto) end
local label = {["goto"] = 3}
print(goto, t.goto(), continue(5), label.goto)
