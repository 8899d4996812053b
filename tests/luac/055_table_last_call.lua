-- a call as the last positional item expands to all its results
local function three() return 1, 2, 3 end
local a = {three()}
local b = {three(), three()}
local c = {three(), 10}
local d = {(three())}
local e = {x = three()}
local f = {three(), x = 1}
local g = {0, three(), [5] = 5}
local h = {string.byte("abc", 1, -1)}
local s = "xyz"
local i = {s:byte(1, -1)}
print(#a, #b, #c, #d, e.x, #f, #g, #h, #i)
