local function isint(x) return x == math.floor(x) end
print(isint(3), isint(3.5), isint(-0), isint(2^53), isint(1/0))
local function round(x) return math.floor(x + 0.5) end
print(round(2.5), round(-2.5), round(3.49999), round(-0.4))
local function trunc(x) if x >= 0 then return math.floor(x) end return math.ceil(x) end
print(trunc(3.9), trunc(-3.9), trunc(0))
print(loadstring("return 7 // 1"))
