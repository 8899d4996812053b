local a = 1; local b = 2;
print(a + b);
do local a = 10; print(a) end
print(a)
do
  local function f() return "inner" end
  print(f())
end
print(type(f))
local function early(x)
  if x then return "early" end
  do return "block" end
end
print(early(true), early(false))
for i = 1, 2 do local v = i; print(v) end
local n = 0
while true do n = n + 1; if n > 2 then break end end print(n)
