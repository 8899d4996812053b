local words = {"banana", "Apple", "apple", "cherry", "", "a", "aa", "B", "10", "9", "a\0"}
table.sort(words)
for i, w in ipairs(words) do io.write(string.format("%q", w), " ") end
print()
print("a" < "b", "a" <= "a", "b" > "a", "abc" >= "abd")
print("a\0b" < "a\0c", "a\0" < "a\0\0", "a" < "a\0")
print("\255" > "\1", "\128" > "a")
