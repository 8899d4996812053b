local function bad_handler(e) error("handler fails too") end
print(xpcall(function() error("original") end, bad_handler))
local function recurse_handler(e) return recurse_handler(e) .. "" end
print(xpcall(function() error("x") end, recurse_handler))
print(xpcall(function() local x = nil; return x.y end, function(m) return "handled: " .. m end))
