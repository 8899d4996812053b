local obj = setmetatable({}, {__tostring = function(self) return "wrap(" .. tostring(self) .. ")" end})
local ok, err = pcall(tostring, obj)
print(ok, err)
local function cat(s, n) return (s:gsub(".", function(c) return cat(c, n + 1) end)) end
print(pcall(cat, "ab", 1))
