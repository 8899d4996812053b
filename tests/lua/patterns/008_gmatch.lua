for k, v in string.gmatch("a=1, b=2, c=3", "(%w+)=(%w+)") do io.write(k, "->", v, " ") end
print()
local words = {}
for w in ("The quick brown fox"):gmatch("%a+") do words[#words + 1] = w end
print(#words, table.concat(words, "|"))
-- in 5.1 gmatch does not treat '^' as an anchor: it is a literal character
local n = 0
for w in ("^a^a^a"):gmatch("^a") do n = n + 1 end
print("caret matches", n)
n = 0
for w in ("aaa"):gmatch("^a") do n = n + 1 end
print("no anchor", n)
for a, b in ("abcd"):gmatch("()(.)") do io.write(a, b, " ") end
print()
local e = {}
for x in ("abc"):gmatch("") do e[#e + 1] = "*" end
print(#e)
for x in ("a,b,,c"):gmatch("([^,]*)") do io.write("[", x, "]") end
print()
local it = ("1 2 3"):gmatch("%d")
print(it(), it(), it(), it())
print(pcall(string.gmatch, "x"))
for p in ("one two"):gmatch("%a+()") do io.write(p, " ") end
print()
