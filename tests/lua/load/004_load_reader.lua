local pieces = {"local a = ", "10", "\nreturn a ", "* 2"}
local i = 0
local f = load(function() i = i + 1; return pieces[i] end)
print(f())
local calls = 0
local g = load(function() calls = calls + 1; if calls == 1 then return "return 'one piece'" end return nil end)
print(g(), calls)
local h, err = load(function() return nil end)
print(type(h), err)
local empties = 0
local e = load(function()
  empties = empties + 1
  if empties < 3 then return "" end
  return nil
end)
-- an empty string ends the chunk like nil does (how often the reader is asked again is not specified)
print(type(e), empties >= 1, e())
print(load((function() local n = 0 return function() n = n + 1 if n == 1 then return "return +" end end end)()))
print(pcall(load, function() error("reader failed") end))
print(pcall(load, function() return {} end))
local named = load(function() return nil end, "=reader")
print(type(named))
local bad, msg = load((function() local n = 0 return function() n = n + 1 if n == 1 then return "x = = 1" end end end)(), "=reader")
print(bad, msg)
