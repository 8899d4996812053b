local function lvl3() return debug.traceback("msg here") end
local function lvl2() return lvl3() .. "" end
local function lvl1() local r = lvl2(); return r end
print(lvl1())
print(debug.traceback("level 2", 2))
print(debug.traceback())
print(debug.traceback(nil) == nil)
local t = {}
print(debug.traceback(t) == t)
print(debug.traceback(42))
