-- a long file name: the listing header prints it whole (no luaO_chunkid)
local function f() return 1 end
print(f())
