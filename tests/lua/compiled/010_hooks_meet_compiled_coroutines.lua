-- a coroutine suspended in a compiled body, resumed while a hook is set; a
-- closure setting its creator's local between number and string

local co = coroutine.create(function(a)
  for i = 1, 3 do a = coroutine.yield(a + i) end
  return "end"
end)
print(coroutine.resume(co, 1))
local lines = 0
debug.sethook(function() lines = lines + 1 end, "l")
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 20))
debug.sethook()
print(coroutine.resume(co, 30), lines > 0)
local function f()
  local x = 1
  local function set(v) x = v end
  for i = 1, 30 do
    local y = x + 1
    set("s")
    x = x .. "t"
    set(i)
  end
  return x
end
for i = 1, 30 do f() end
print(f())
