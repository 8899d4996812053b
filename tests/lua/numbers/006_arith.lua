print(1 + 2, 5 - 7, 3 * 4, 7 / 2, 2 ^ 10, 7 % 3)
print(0.1 + 0.2 == 0.3, 0.5 + 0.25 == 0.75)
print(1e308 + 1e308, -1e308 * 10)
print(2^53 + 1 == 2^53, 2^52 + 1 == 2^52)
print(-2 ^ 0.5, (-2) ^ 0.5)
print(10 / 3 * 3 == 10)
print(1 / 3 + 1 / 3 + 1 / 3)
print(3 - -3, - - -3)
local x = 7
x = x * 2 + 1
print(x, x / 5, x % 5, x ^ 0)
print(math.floor(-3.5), math.ceil(-3.5), math.floor(3.5))
print(1e15 + 0.3, 1e16 + 1)
print(255 / 256, 1 / 1024)
