local x = 1 "ab\0cd"
