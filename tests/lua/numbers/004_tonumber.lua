local cases = {"10", " 10 ", "0x1F", "0X1f", "1e5", "1E-2", ".5", "5.", ".", "", " ", "1e",
  "1e+", "0x", "abc", "1 2", "  -7  ", "+5", "++5", "- 1", "inf", "-inf", "nan",
  "0x1p4", "0x1.8", "1\0", "\t12\n", "1.2.3", "0x.8", "infinity", "INF", "1e400",
  "0x10p-1", "1_000"}
for _, s in ipairs(cases) do
  print(string.format("%q", s), tonumber(s))
end
print(tonumber(42), tonumber(-0.5), tonumber(nil == false))
print(tonumber({}), tonumber(print), tonumber(true))
print(pcall(tonumber))
print(tonumber(nil))
print(select("#", tonumber("x")))
