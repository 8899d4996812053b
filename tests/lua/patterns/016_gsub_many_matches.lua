-- gsub with many matches (more than re's subn is given at once), with
-- empty matches, a limit on replacements, captures and a table.
local function show(s, n)
  local x = select(2, s:gsub("x", "x"))
  print(#s, n, x, s:sub(1, 24), s:sub(-24))
end
local s = ("ab"):rep(100000)
show(s:gsub("a", "x"))
show(s:gsub("b", "xyz"))
show(s:gsub("a", "x", 70000))
show(s:gsub("a", "x", 65536))
show(s:gsub("(a)(b)", "%2%1x"))
show(s:gsub("ab", "%0x", 99999))
show(s:gsub("b*", "x"))
show(("ab "):rep(30000):gsub("%a*", "x"))
show(("ab "):rep(30000):gsub("%a*", "x", 70001))
show(("ab "):rep(30000):gsub("%s?", "x"))
show(("a "):rep(70000):gsub("%f[%a]", "x"))
show(("a1b2"):rep(30000):gsub("%d", {["1"] = "x", ["2"] = false}))
-- the empty pattern, with every limit
for _, subject in ipairs({"", "a", "abc"}) do
  for max = 0, 5 do
    print(subject, max, subject:gsub("", "-", max))
  end
end
print(("abc"):rep(30000):gsub("", "")  == ("abc"):rep(30000))
show(("abc"):rep(30000):gsub("", "x"))
show(("abc"):rep(30000):gsub("", "x", 40000))
