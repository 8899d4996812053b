local function fail() error("failure here") end
local ok, tb = xpcall(fail, debug.traceback)
print(ok)
print(tb)
