local function lvl(n) error("at level " .. n, n) end
local function caller(n) lvl(n) end    -- line 2
local function outer(n) caller(n) end  -- line 3
for n = 0, 4 do
  print(n, pcall(outer, n))
end
local function check(x) if type(x) ~= "number" then error("expected number", 2) end end
local function user() check("s") end   -- line 9
print(pcall(user))
print(pcall(check, "s"))
local function deep(n) if n == 0 then error("bottom", 3) end deep(n - 1) end
print(pcall(deep, 3))
