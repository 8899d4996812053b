-- gsub with an empty pattern: a replacement before every byte and at the end
-- (up to the count), laid out at once; and re's subn where it agrees
for _, s in ipairs{"", "a", "abc", "hello world"} do
  for _, r in ipairs{"", "-", "<>", "%%", "%0", "%1", "[%0]"} do
    for _, m in ipairs{0, 1, 2, 3, 20, -1} do
      io.write(string.format("%q", (s:gsub("", r, m))), select(2, s:gsub("", r, m)), " ")
    end
    print()
  end
  print(pcall(string.gsub, s, "", "%2"))
  print(pcall(string.gsub, s, "", "%2", 0))
end
print(#(("x"):rep(1e6):gsub("", "-")))
print(("abc"):gsub("", "-", 2.5), ("abc"):gsub("", "%", 10))
-- patterns that match empty: after a non-empty match the next may be empty
print(("abxd"):gsub("x*", "-"))
print(("abxxd"):gsub("x?", "<%0>"))
print(("aaa"):gsub("a*", "-", 2))
print(("hello world"):gsub("%f[%w]", "|"))
print(("a,b,,c"):gsub("[^,]*", "(%0)"))
print(("one two"):gsub("(%w*)", "%1!"))
print(("xyz"):gsub("%w-", "."))
print(("xyz"):gsub("()", "%1"))
print((("ab"):rep(3000)):gsub("b*", "") == ("a"):rep(3000))
