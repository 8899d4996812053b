-- in 5.1, __len is only used for userdata: tables use the raw length
local t = setmetatable({1, 2, 3}, {__len = function() return 99 end})
print(#t)
local p = newproxy(true)
getmetatable(p).__len = function() return 7 end
print(#p)
local q = newproxy(true)
print(pcall(function() return #q end))
local s = setmetatable({}, {__len = function() return 5 end})
print(#s)
