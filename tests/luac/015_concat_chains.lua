-- CONCAT collects consecutive registers; parenthesised parts break the run
local first, last, age = "Ada", "Lovelace", 36
local full = first .. " " .. last
local line = "name=" .. full .. ", age=" .. age .. "!"
local paren = (first .. " ") .. (last .. "!")
local withcall = "[" .. tostring(age) .. "]" .. string.rep("-", 3)
local nested = "a" .. ("b" .. ("c" .. ("d" .. "e")))
local g = first .. gvar .. last .. gtab.field .. gtab[1]
local buf = ""
for i = 1, 3 do buf = buf .. i .. "," end
print(full, line, paren, withcall, nested, g, buf)
