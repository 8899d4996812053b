x = 1
'str' = 2
