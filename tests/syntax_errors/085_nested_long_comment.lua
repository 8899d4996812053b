--[[ comment with [[ nested ]] brackets
]]
