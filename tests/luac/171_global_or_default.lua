-- "x = x or default" idioms on globals, locals, fields and upvalues
settings = settings or {}
settings.volume = settings.volume or 5
local cache
local function get()
  cache = cache or {n = 0}
  cache.n = cache.n + 1
  return cache
end
local opt = nil
opt = opt or "fallback"
local function with_default(x, y)
  x = x or 1
  y = y or x * 2
  return x, y
end
get() get()
print(settings.volume, get().n, opt, with_default(), with_default(3), with_default(nil, 7))
