-- the left operand's metamethod wins; otherwise the right one's
local L = setmetatable({}, {__add = function() return "L" end, __sub = function() return "Lsub" end})
local R = setmetatable({}, {__add = function() return "R" end})
print(L + R, R + L, L + 1, 1 + R, R - L, L - R)
-- numeric strings do not trigger metamethods
local S = setmetatable({}, {__add = function(a, b) return "meta" end})
print("1" + 1, S + "1", "1" + S)
print(pcall(function() return R - R end))
-- string.xx with a __add on string's metatable? strings convert first
print(("10" + 5) * 2)
