-- ';' as an optional statement terminator (never as an empty statement)
local a = 1; local b = 2;
a = a + b; b = a - b; a = a - b;
print(a); print(b);
do local c = 3; print(c); end;
if a then print("a"); end;
for i = 1, 2 do print(i); end;
while false do end; repeat until true;
local function f() return 1; end;
return;
