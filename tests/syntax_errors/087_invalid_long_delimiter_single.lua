local t = {}
local v = t[=1]
