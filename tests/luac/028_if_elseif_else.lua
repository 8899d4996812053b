-- if/elseif/else chains, empty branches, nesting
local function classify(n)
  if n < 0 then
    return "negative"
  elseif n == 0 then
    return "zero"
  elseif n < 10 then
    return "small"
  elseif n < 100 then
    return "medium"
  else
    return "large"
  end
end
local x = classify(5)
if x then end
if x then else end
if x == "small" then
  print("small")
end
if x then
  if x == "a" then
    print("a")
  elseif x == "b" then
  else
    if #x > 3 then print("long") else print("short") end
  end
end
if false then print("never") elseif true then print("always") end
if nil then print("no") else print("yes") end
if 1 then print("number is true") end
print(classify(-1), classify(0), classify(50), classify(500))
