-- unusual whitespace: tabs, form feeds and vertical tabs separate tokens
local	a	=	1
localb = a+2

print(a,	b)	
