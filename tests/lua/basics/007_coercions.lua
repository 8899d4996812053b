print("10" + 1, "3" * "4", "2" ^ 3, "7" % 2)
print(10 .. 20, 1.25 .. "|", 2^53 .. "")
print(" 5 " + 0, "0x10" + 0, "1e2" + 0, ".5" + 0)
print("10" == 10, "10" + 0 == 10)
print(type("10" + 0), type(10 .. ""))
print(pcall(function() return "10a" + 1 end))
print(pcall(function() return {} .. "" end))
print(pcall(function() return 1 < "2" end))
print("10" < "9", 10 < 9)
print(math.max("3", 2), string.rep(5, 2), ("x"):rep("2"))
print(tostring(10) == "10", tonumber("  0x1F  "))
print(#(12 .. ""), #tostring(1.5))
local t = {}
t["1"] = "string key"
t[1] = "number key"
print(t["1"], t[1])
print(-"3", - "-3")
print("inf" + 0, "-inf" + 0)
