local x = 1
if x then break end
