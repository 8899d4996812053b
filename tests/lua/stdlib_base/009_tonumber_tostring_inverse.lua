for _, s in ipairs({"0", "-0", "1e3", "0x10", "  3  ", "5e-1", ".25", "0.1e1"}) do
  local n = tonumber(s)
  print(s, n, tostring(n), tonumber(tostring(n)) == n)
end
print(tonumber("1e1", 10), tonumber("A", 16), tonumber("a", 11), tonumber("B", 11))
