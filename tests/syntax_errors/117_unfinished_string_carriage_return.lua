local s = "abcdef"
