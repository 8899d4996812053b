local ok = "fine"
local bad = "no end
print(bad)
