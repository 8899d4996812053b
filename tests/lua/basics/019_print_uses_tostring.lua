-- 5.1's print looks up the global 'tostring' for every argument
local orig = tostring
tostring = function(v) return "<" .. orig(v) .. ">" end
print(1, "a", nil, true)
tostring = function(v) return 42 end
print("numbers are fine", 1)
tostring = function(v) return {} end
local ok, err = pcall(print, "x")
tostring = orig
print(ok, err)
tostring = nil
ok, err = pcall(print, "y")
tostring = orig
print(ok, err)
print("restored", 1)
