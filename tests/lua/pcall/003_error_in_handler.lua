print(xpcall(function() error("first") end, function(e) error("second") end))
print(xpcall(function() error("first") end, function(e) local x = nil; return x.y end))
print(xpcall(function() error("first") end, nil))
print(xpcall(function() error("first") end, 42))
print(xpcall(function() return "no error" end, nil))
local depth = 0
print(xpcall(function() error("e") end, function(e) depth = depth + 1; return depth end))
