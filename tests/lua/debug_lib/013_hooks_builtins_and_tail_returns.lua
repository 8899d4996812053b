-- call and return hooks: builtins have frames the hook sees (getinfo(2)),
-- a function's parameters are active at its call event, tail calls give
-- "tail return" events, and debug.sethook's own return is the first event
local seen = {}
debug.sethook(function (e)
  local info = debug.getinfo(2, "nS")
  seen[#seen + 1] = e .. ":" .. tostring(info.name) .. ":" .. info.what
end, "cr")
local x = math.max(1, 2)
local s = string.rep("a", 2)
debug.sethook()
print(table.concat(seen, " "))

local function f (x) end
function g(x) return f(x) end
function g1(x) g(x) end
local function h (x) local f=g1; return f(x) end
local b = {}
debug.sethook(function (e) b[#b + 1] = e end, "cr")
h(false)
debug.sethook()
print(table.concat(b, " "))

local called = {}
debug.sethook(function (e)
  called[debug.getinfo(2, "f").func] = true
end, "c")
assert(true)
local n = select("#", 1, 2)
debug.sethook()
print(called[assert], called[select], called[print])

local t = {}
function t:m (a, b, ...) local c = 13 end
local names
debug.sethook(function (e)
  debug.sethook()
  names = {}
  local i = 1
  while true do
    local name, v = debug.getlocal(2, i)
    if name == nil or name:sub(1, 1) == "(" then break end
    names[#names + 1] = name .. "=" .. tostring(v == t and "t" or type(v) == "table" and "table" or v)
    i = i + 1
  end
end, "c")
t:m(1, 2, 3)
print(table.concat(names, " "))
