local a = [[
first line
second line]]
print(a)
print(#a)
local b = [==[
contains ]] and [[ inside]==]
print(b)
local c = [[]]
print(#c, c == "")
local d = [[

starts with one blank line]]
print(d)
print(#[[
]])
--[[ a long
comment ]] print("after long comment")
--[==[ another
]] still comment
]==] print("after level-2 comment")
-- a line comment [[ not long
print([[a\nb]])
print([=[x]]=] .. "y")
