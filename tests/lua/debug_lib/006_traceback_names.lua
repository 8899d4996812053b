local obj = {}
function obj.method() return debug.traceback() end
function obj:selfmethod() return debug.traceback("s") end
gfunc = function() return debug.traceback("g") end
print(obj.method())
print(obj:selfmethod())
print(gfunc())
local co = coroutine.create(function() return debug.traceback("in co") end)
print(select(2, coroutine.resume(co)))
print(select(2, pcall(debug.traceback, "via pcall")))
local deep
deep = function(n) if n == 0 then return debug.traceback("deep") end return (deep(n - 1)) end
print(deep(25))
