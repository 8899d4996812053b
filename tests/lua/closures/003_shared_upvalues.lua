local function pair()
  local v = 0
  local function get() return v end
  local function set(x) v = x end
  return get, set
end
local get, set = pair()
set(5)
print(get())
set(get() + 1)
print(get())
local get2, set2 = pair()
print(get2(), get())
-- three levels deep
local function outer()
  local x = 1
  return function()
    return function() x = x * 2; return x end
  end
end
local mk = outer()
local f1, f2 = mk(), mk()
print(f1(), f2(), f1())
-- upvalue closed after the block ends
local fns = {}
do
  local y = "block"
  fns.read = function() return y end
  fns.write = function(v) y = v end
end
fns.write("changed")
print(fns.read())
