#!/usr/bin/lua
--[[ a long comment
spanning lines ]] local a = 1
--[==[ a level-2 comment with ]] and ]=] inside
]==]
local b = 2 --[[ inline ]] + 3
---[[ this is a short comment, so the next line is code
local c = 4
--]]
--[=x not a long comment, just a short one
--[ also short
--[=[
]=] local d = --[[ comment in an expression ]] 5
print(a, b, c, d) -- trailing comment
--[[ comment at the end of the file ]]
