-- strings index through their metatable; other types error
print(("abc").len == string.len, ("abc").nope)
print(pcall(function() local n = 5; return n.x end))
print(pcall(function() local b = true; return b.x end))
print(pcall(function() local f = print; return f.x end))
print(pcall(function() local s = "x"; s.y = 1 end))
local p = newproxy(true)
getmetatable(p).__index = function(u, k) return "ud:" .. k end
getmetatable(p).__newindex = function(u, k, v) print("ud set", k, v) end
print(p.hello)
p.world = 1
print(pcall(function() local q = newproxy(); return q.x end))
