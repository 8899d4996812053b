local function classify(n)
  if n < 0 then return "neg"
  elseif n == 0 then return "zero"
  elseif n < 10 then return "small"
  else return "big" end
end
for _, v in ipairs({-5, 0, 3, 42}) do print(v, classify(v)) end
local i = 0
while i < 5 do i = i + 1 if i == 3 then break end end
print("while", i)
local n = 0
repeat local k = n; n = n + 1 until k >= 3
print("repeat", n)
local s = 0
for j = 1, 10 do
  if j % 2 == 0 then s = s + j end
end
print("sum even", s)
-- nested break only leaves the inner loop
local log = {}
for a = 1, 3 do
  for b = 1, 3 do
    if b > a then break end
    log[#log + 1] = a .. b
  end
end
print(table.concat(log, ","))
-- values of conditions
if 0 then print("0 is true") end
if "" then print("empty string is true") end
if not nil then print("nil is false") end
if false == nil then print("no") else print("false ~= nil") end
while true do print("once"); break end
