local bad = {"%", "[a", "[a-", "(", ")", "(()", "%1", "[%", "a)", "((a)", "[^"}
for _, p in ipairs(bad) do
  print(string.format("%-6s", p), pcall(string.find, "abc(a)", p))
end
print(pcall(string.gsub, "x", "(", ""))
print(pcall(string.match, "x", "x%"))
local many = string.rep("(a)", 33)
print(pcall(string.match, string.rep("a", 33), many))
local ok32 = string.rep("(a)", 32)
print(select("#", string.match(string.rep("a", 32), ok32)))
