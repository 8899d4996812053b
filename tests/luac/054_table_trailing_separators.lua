-- trailing ',' or ';' and ';' used as a field separator
local a = {1, 2, 3,}
local b = {1; 2; 3;}
local c = {1, 2; 3, x = 1; y = 2,}
local d = {x = 1,}
local e = {[1] = 1;}
local f = {{};{},}
print(#a, #b, #c, d.x, e[1], #f)
