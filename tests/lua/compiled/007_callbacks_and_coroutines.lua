-- compiled functions as sort comparators, gsub callbacks, coroutine bodies
local n = 300
local seed = 7
local function rand() seed = (seed * 1103515245 + 12345) % 2147483648 return seed end
local recs = {}
for i = 1, n do recs[i] = {k = rand() % 50, id = i} end
table.sort(recs, function(a, b) if a.k ~= b.k then return a.k < b.k end return a.id > b.id end)
print(recs[1].k, recs[1].id, recs[n].k, recs[n].id)
local calls = 0
local s = ("abc def ghi "):rep(50):gsub("%a+", function(w) calls = calls + 1 return w:upper():reverse() end)
print(#s, calls, s:sub(1, 20))
print(pcall(table.sort, {3, 1, 2, 5, 4, 0, 9, 8, 7, 6, 11, 10}, function(a, b) if a == 9 then error("nine") end return a < b end))
print(pcall(table.sort, {1, "x", 2}, function(a, b) return a < b end))
local function producer(m)
  return coroutine.wrap(function()
    for i = 1, m do coroutine.yield(i * i) end
  end)
end
local function inner(x) return coroutine.yield(x) end
local co = coroutine.create(function(a)
  local s = 0
  for i = 1, 40 do s = s + inner(i + a) end
  return s
end)
local total, v = 0, 0
local ok, r = coroutine.resume(co, 1)
while coroutine.status(co) ~= "dead" do total = total + r; ok, r = coroutine.resume(co, r) end
print(total, r)
local acc = 0
for x in producer(100) do acc = acc + x end
print(acc)
print(pcall(function() local t = {3, 2, 1} table.sort(t, function(a, b) coroutine.yield() return a < b end) end))
