local f = loadstring("return who")
who = "global"
print(f())
setfenv(f, {who = "custom env"})
print(f())
local counter = loadstring("n = (n or 0) + 1; return n")
local env = {}
setfenv(counter, env)
counter(); counter()
print(env.n, n)
local chunk = loadstring("local x = ...; y = x * 2")
chunk(21)
print(y)
