-- long brackets of several levels; a first newline is skipped
local a = [[simple]]
local b = [[
skipped first newline]]
local c = [==[contains ]] and ]=] inside]==]
local d = [=[
multi
line
]=]
local e = [[]]
local f = [====[
]====]
local g = [=[ a [=[ b ]=]
local h = [[with "quotes" and 'apostrophes' and \n no escapes]]
local i = [===[
  indented
	tabbed
]===]
local j = [[a]] .. [=[b]=] .. [==[c]==]
print(a, b, c, d, e, f, g, h, i, j)
print[[call with a long string]]
