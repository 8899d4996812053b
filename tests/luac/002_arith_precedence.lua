-- every binary precedence level, mixed with locals and globals
local a, b, c, d = 2, 3, 4, 5
local r1 = a + b * c
local r2 = (a + b) * c
local r3 = a - b - c          -- left associative
local r4 = a / b / c
local r5 = a % b * c + d
local r6 = a + b .. c + d     -- .. binds looser than +
local r7 = a < b == (c < d)
local r8 = a + b < c * d and d or a
local r9 = a or b and c       -- and binds tighter than or
local r10 = not a == b        -- not binds tighter than ==
local r11 = -a ^ b            -- ^ binds tighter than unary minus
local r12 = a ^ -b
local r13 = a * b % c / d - a + b
x = y + z * w - v / u % t ^ s
print(r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13)
