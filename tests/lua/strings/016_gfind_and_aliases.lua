-- 5.1 still ships string.gfind as an alias of gmatch
print(type(string.gfind), string.gfind == string.gmatch)
local out = {}
for w in string.gfind("a b c", "%a") do out[#out + 1] = w end
print(table.concat(out, ","))
print(type(table.getn), type(table.setn), type(math.mod), type(string.gmatch))
print(math.mod(7, 3), table.getn({1, 2, 3}))
print(type(table.foreach), type(table.foreachi), type(loadstring), type(unpack))
