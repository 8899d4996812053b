local s = 'x'
print(s:)
