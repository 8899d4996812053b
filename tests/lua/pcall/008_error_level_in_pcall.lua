local function validate(x) if not x then error("invalid input", 2) end return x end
local function api(x) return validate(x) end    -- line 2
print(pcall(api, false))
print(pcall(validate, false))
local function lvl3(x) error("three up", 3) end
local function mid(x) lvl3(x) end
local function top(x) mid(x) end             -- line 7
print(pcall(top))
print(pcall(function() error("in anon") end))
print(pcall(function() error("L2", 2) end))
