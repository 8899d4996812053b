-- several closures capture the same local; locals captured in loops
local function make()
  local shared = 0
  local t = {}
  for i = 1, 3 do
    local own = i
    t[i] = {
      inc = function() shared = shared + own; return shared end,
      get = function() return shared, own end,
    }
  end
  return t
end
local t = make()
t[1].inc() t[2].inc() t[3].inc()
print(t[1].get())
local x = 1
local function set(v) x = v end
local function get() return x end
set(42)
print(get(), x)
