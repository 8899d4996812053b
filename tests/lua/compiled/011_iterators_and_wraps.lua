-- generic for over Lua function iterators and coroutine.wrap functions
-- (called by compiled code: TFORLOOP's call is a C call in 5.1)
local function range(n, step)
  local i = 0
  return function()
    i = i + (step or 1)
    if i <= n then return i, i * i end
  end
end
local s1, s2 = 0, 0
for rep = 1, 30 do
  for i, sq in range(50) do s1 = s1 + i; s2 = s2 + sq end
end
print(s1, s2)
-- a stateless iterator with a control variable, three results
local function triples(limit, c)
  if c < limit then return c + 1, c * 2, "x" .. c end
end
local acc = {}
for rep = 1, 20 do
  for a, b, c in triples, 5, 0 do acc[#acc + 1] = a + b .. c end
end
print(#acc, acc[1], acc[5], acc[100])
-- closures over the loop's variables, made in the body
local fns = {}
for rep = 1, 3 do
  for k, v in range(10) do fns[#fns + 1] = function() return k + v end end
end
local t = 0
for _, f in ipairs(fns) do t = t + f() end
print(#fns, t)
-- an iterator that deopts sometimes (a metatable appears) and one that errors
local mt = {__index = function(_, k) return k * 3 end}
local function mixed(n)
  local i = 0
  local tab = {}
  return function()
    i = i + 1
    if i == math.floor(n / 2) then setmetatable(tab, mt) end
    if i <= n then return i, tab[i] or 0 end
  end
end
local m = 0
for rep = 1, 40 do for i, v in mixed(20) do m = m + v end end
print(m)
local function failing(n)
  local i = 0
  return function()
    i = i + 1
    if i == n then error("iterator failed at " .. i) end
    return i
  end
end
for rep = 1, 5 do print(pcall(function() local c = 0 for i in failing(30 + rep) do c = c + i end return c end)) end
-- a table with __call as the iterator
local callable = setmetatable({}, {__call = function(self, _, c) c = c + 1 if c <= 3 then return c end end})
local cc = 0
for rep = 1, 30 do for i in callable, nil, 0 do cc = cc + i end end
print(cc)
-- yield inside an iterator: across a C call in 5.1
local co = coroutine.create(function()
  for i in function() coroutine.yield(1) end do end
end)
print(coroutine.resume(co))
-- nested iterators deep enough for the C stack
local function deep(n)
  return function(_, c)
    if c then return nil end
    if n > 0 then for _ in deep(n - 1) do end end
    return n
  end
end
for rep = 1, 3 do print(pcall(function() for _ in deep(150) do end return "ok 150" end)) end
print(pcall(function() for _ in deep(250) do end return "ok 250" end))
-- wrap functions: in expressions, in for loops, a pipeline, dead and failing ones
local function gen(limit)
  return coroutine.wrap(function() for i = 1, limit do coroutine.yield(i) end end)
end
local function filter(src, p)
  return coroutine.wrap(function()
    for v in src do if p(v) then coroutine.yield(v) end end
  end)
end
local total = 0
for rep = 1, 10 do
  for v in filter(filter(gen(200), function(v) return v % 3 ~= 0 end), function(v) return v % 2 == 0 end) do total = total + v end
end
print(total)
local g = gen(100)
local sum = 0
for i = 1, 100 do sum = sum + g() * 2 end
print(sum, pcall(g), pcall(g))
local bad = coroutine.wrap(function() for i = 1, 50 do coroutine.yield(i) end error("wrapped failure") end)
local last = 0
print(pcall(function() while true do last = bad() end end))
print(last)
local tbad = coroutine.wrap(function() for i = 1, 50 do coroutine.yield(i) end error({code = 7}) end)
local ok, e = pcall(function() for v in tbad do last = v end end)
print(ok, type(e), e.code, last)
-- a wrap iterator in a coroutine that yields too
local outer = coroutine.wrap(function()
  local n = 0
  for v in gen(60) do n = n + v if v % 20 == 0 then coroutine.yield(n) end end
  return "done", n
end)
print(outer(), outer(), outer(), outer())
-- a resumed coroutine whose body calls an iterator that yields to it
local co2 = coroutine.create(function()
  local s = 0
  for v in gen(30) do s = s + coroutine.yield(v) end
  return s
end)
local okk, v = coroutine.resume(co2)
local got = 0
while coroutine.status(co2) ~= "dead" do got = got + v okk, v = coroutine.resume(co2, v * 10) end
print(got, v)
-- a wrap body that deopts at once, resumed by a loop compiled in another
-- wrap body: TFORLOOP is finished by the interpreter on code compiled code ran
-- (the fuzzer's mutate:0:278)
local function producer(items)
  return coroutine.wrap(function()
    for x, x in ipairs(items) do coroutine.yield(nothing_here) end
  end)
end
local function pfilter(source, pred)
  return coroutine.wrap(function()
    for v in source do
      if pred(v) then coroutine.yield(v) end
    end
  end)
end
local function pmap(source, f)
  return coroutine.wrap(function()
    while true do
      local v = source()
      if v == nil then return end
      coroutine.yield(f(v))
    end
  end)
end
for v in pmap(pfilter(producer({1, 2, 3, 4, 5, 6}), function(x) return x % 2 == 0 end), function(x) return x * x end) do print(v) end
local function producer2(items)
  return coroutine.wrap(function()
    for _, x in ipairs(items) do if x == 3 then local _ = {} .. "" end coroutine.yield(x) end
  end)
end
print(pcall(function()
  local got = {}
  for v in pmap(pfilter(producer2({1, 2, 3, 4}), function(x) return x % 2 == 0 end), function(x) return x * x end) do got[#got + 1] = v end
  return #got
end))
for v in pmap(pfilter(producer({}), function() return true end), tostring) do print(v) end
print("pipelines done")
