-- comment markers and brackets inside strings are just text
local a = "-- not a comment"
local b = '--[[ not a long comment ]]'
local c = [[--[==[ still just text ]]
local d = "]]" .. "[[" .. '[=[' .. "]=]"
local e = "a" -- a real comment with "quotes" and [[brackets]]
local f = "x" --[[ a real long comment ]] .. "y"
print(a, b, c, d, e, f)
