local function rec(n) return 1 + rec(n + 1) end
local co = coroutine.create(function() return rec(1) end)
local ok, err = coroutine.resume(co)
print(ok, err)
print(coroutine.status(co))
local co2 = coroutine.wrap(function() return pcall(rec, 1) end)
print(co2())
