local s = "hello world"
local cases = {{1, 5}, {7}, {-5}, {-5, -3}, {0}, {0, 0}, {1, 0}, {5, 1}, {-100, 3}, {3, 100},
  {12}, {11, 11}, {-1}, {-11, -11}, {-12, -12}, {2, -2}, {100, 200}, {-3, 2}}
for _, c in ipairs(cases) do
  print(c[1], c[2], "[" .. s:sub(c[1], c[2]) .. "]")
end
print(("abc"):sub(2.7), ("abc"):sub("2"), string.sub("", 1, 1) == "")
print(pcall(string.sub))
print(pcall(string.sub, "x", "a"))
print(string.sub(12345, 2, 3))
