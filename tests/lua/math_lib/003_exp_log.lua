local function p(x) return string.format("%.6f", x) end
print(p(math.exp(0)), p(math.exp(1)), p(math.exp(-1)), p(math.exp(10)))
print(p(math.log(1)), p(math.log(math.exp(2))), p(math.log(10)), p(math.log(0.5)))
print(math.log(0), math.exp(1000), math.exp(-1000))
print(p(math.log10(1000)), p(math.log10(2)), math.log10(0))
print(math.log10(100), math.log10(1e15))
print(p(math.sqrt(2)), math.sqrt(16), math.sqrt(0), math.sqrt(1/0))
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2), math.pow(0, 0), math.pow(-8, 1/3) ~= math.pow(-8, 1/3))
print(math.log(8, 2))
