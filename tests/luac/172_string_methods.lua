-- string library methods through SELF on literals, locals and results
local s = "The quick brown fox"
print(s:len(), s:upper(), s:lower(), s:reverse())
print(s:sub(5, 9), s:sub(-3), s:byte(1), s:find("quick"), s:match("(%a+) fox"))
print(("abc"):rep(2, "-") == nil, ("%d items"):format(3), ("a,b,c"):gsub(",", ";"))
local words = {}
for w in s:gmatch("%a+") do words[#words + 1] = w:sub(1, 1):upper() .. w:sub(2):lower() end
print(table.concat(words, " "), ("x"):byte(), ("  trim  "):match("^%s*(.-)%s*$"))
