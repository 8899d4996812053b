-- call syntax: string and table arguments, chained calls, parenthesised calls
print "string argument"
print 'single quoted'
print [[long string argument]]
print {1, 2, 3}
local function id(x) return x end
local t = id {a = 1}
local s = id "x"
local f = id(id)(id)
id(id "a")
print(id"a" .. id'b', id{}.a, #id{1, 2})
local chain = id(id)(id)(id)("deep")
local o = {m = function(self, x) return x end}
print(o:m "method string", o:m {}, o:m [[long]])
;(print)("parenthesised callee")
print(chain, t.a, s, f)
