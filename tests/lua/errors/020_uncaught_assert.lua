local function check(v) assert(type(v) == "number", "expected a number, got " .. type(v)) end
check(1)
print("first ok")
check("x")
