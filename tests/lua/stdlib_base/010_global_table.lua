newglobal = 1
print(_G.newglobal, rawget(_G, "newglobal"))
_G.other = 2
print(other)
_G["with space"] = 3
print(_G["with space"])
local count = 0
for k in pairs(_G) do if k == "newglobal" or k == "other" then count = count + 1 end end
print(count)
setmetatable(_G, {__index = function(_, k) return "auto:" .. k end})
print(undefined_thing)
setmetatable(_G, {__newindex = function(t, k, v) rawset(t, k, "stored " .. tostring(v)) end})
created_later = 5
print(created_later)
setmetatable(_G, nil)
print(rawget(_G, "undefined_thing"))
