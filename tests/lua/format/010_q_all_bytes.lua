local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
local s = table.concat(all)
local q = string.format("%q", s)
print(#s, #q)
local back = loadstring("return " .. q)()
print(back == s)
local esc = 0
for _ in q:gmatch("\\") do esc = esc + 1 end
print(esc)
print(string.format("%q", "\\\"\n\r\0") == [["\\\"\]] .. "\n" .. [[\r\000"]])
print(string.format("%q", "\0\0001"))
print(string.format("%s|%q", "a\nb", "a\nb"))
