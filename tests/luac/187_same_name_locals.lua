-- several locals with one name: each gets its own register and debug range
local a = 1
local a = a + 1
local a, a = a, a * 2
local function a(a) local a = a or 0 return a end
for a = 1, 2 do local a = a end
for a, a in pairs({}) do end
do local a = 3 end
print(a(5))
