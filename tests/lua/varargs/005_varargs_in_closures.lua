local function bind(f, ...)
  local args = {...}
  local n = select("#", ...)
  return function(...)
    local all = {unpack(args, 1, n)}
    local m = select("#", ...)
    for i = 1, m do all[n + i] = (select(i, ...)) end
    return f(unpack(all, 1, n + m))
  end
end
local cat = bind(function(...) return table.concat({...}, ",") end, "a", "b")
print(cat("c", "d"))
local withnil = bind(function(...) return select("#", ...) end, nil, nil)
print(withnil(nil))
print(loadstring("return function() return ... end"))
print(loadstring("local function f() return ... end"))
