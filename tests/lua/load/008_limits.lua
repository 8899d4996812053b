-- parser limits of 5.1
local many = {}
for i = 1, 250 do many[i] = "local v" .. i .. " = " .. i end
local f, e = loadstring(table.concat(many, "\n"))
print(f, e)
many = {}
for i = 1, 199 do many[i] = "local v" .. i .. " = " .. i end
f, e = loadstring(table.concat(many, "\n") .. "\nreturn v199")
print(f and f(), e)
local ups = {"local a0 = 0"}
local body = {}
for i = 1, 70 do ups[#ups + 1] = "local a" .. i .. " = " .. i; body[#body + 1] = "a" .. i end
local src = table.concat(ups, "\n") .. "\nreturn function() return " .. table.concat(body, " + ") .. " end"
f, e = loadstring(src)
print(f and f()(), e)
local deep = string.rep("(", 300) .. "1" .. string.rep(")", 300)
f, e = loadstring("return " .. deep)
print(f, e)
local nest = string.rep("do ", 250) .. string.rep("end ", 250)
f, e = loadstring(nest)
print(f, e)
local args = {}
for i = 1, 300 do args[i] = tostring(i) end
f, e = loadstring("return select('#', " .. table.concat(args, ",") .. ")")
print(f and f(), e)
