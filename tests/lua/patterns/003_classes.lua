local all = ""
for i = 0, 127 do all = all .. string.char(i) end
for _, cls in ipairs({"%a", "%c", "%d", "%l", "%p", "%s", "%u", "%w", "%x", "%z",
                      "%A", "%D", "%S", "%W"}) do
  local n = select(2, all:gsub(cls, ""))
  print(cls, n)
end
print(("a1_B2-c"):gsub("[%w_]", "."))
print(("a1_B2-c"):gsub("[^%w_]", "."))
print(("abc-xyz"):gsub("[a-c]", "#"))
print(("a-b"):gsub("[-]", "+"), ("a-b"):gsub("[a-]", "+"))
print(("a]b"):gsub("[]]", "!"), ("a^b"):gsub("[%^]", "!"), ("a^b"):gsub("[b^]", "!"))
print(("x.y"):gsub("%.", "!"), ("x%y"):gsub("%%", "!"))
print(("\0a\0"):gsub("%z", "Z"))
print(("hello"):gsub("", "-"))
