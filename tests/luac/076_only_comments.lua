-- a file with only comments
--[[ and a long one
]]
