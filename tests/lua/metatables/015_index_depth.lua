-- __index chains longer than 100 links: 'loop in gettable'
local t = {}
local cur = t
for i = 1, 150 do
  local nxt = {}
  setmetatable(cur, {__index = nxt})
  cur = nxt
end
cur.found = "yes"
print(pcall(function() return t.found end))
local loop = {}
setmetatable(loop, {__index = loop})
print(pcall(function() return loop.x end))
local wl = {}
setmetatable(wl, {__newindex = wl})
print(pcall(function() wl.x = 1 end))
local short = {}
local c2 = short
for i = 1, 90 do local n = {}; setmetatable(c2, {__index = n}); c2 = n end
c2.v = "ok"
print(short.v)
