// Short programs that each show one thing about the Lua 5.1 VM.
// Checked by e2e/test_examples.py: each compiles, and runs under lua5.1.

export const EXAMPLES = [
  {
    id: "hello",
    title: "Hello, world",
    source: `-- GETGLOBAL fetches 'print', LOADK the string, CALL calls it.
print("Hello from Lua 5.1, running in Python, running in your browser!")
`,
  },
  {
    id: "locals-globals",
    title: "Locals vs globals",
    source: `-- A local lives in a register: reading it is a MOVE (or nothing at all).
-- A global lives in a table: every use is a GETGLOBAL or SETGLOBAL.
local x = 10
y = 20
local z = x + y        -- ADD reads R(x) directly, but y needs a GETGLOBAL first
y = z
print(x, y, z)
`,
  },
  {
    id: "arith-rk",
    title: "Arithmetic and RK constants",
    source: `-- An operand of ADD, SUB, MUL... is "RK": a register, or a constant
-- (shown as a negative number in the listing, and named in the comment).
local a = 3
local b = a * 2 + 1       -- MUL a, K(2); ADD with K(1)
local c = (a + 1) / (b - 2)
local d = 2 ^ 10 % 7      -- constant expressions are folded at compile time
print(a, b, c, d, -a, #"four")
`,
  },
  {
    id: "for-loop",
    title: "Numeric for loop (FORPREP/FORLOOP)",
    source: `-- FORPREP subtracts the step and jumps to FORLOOP; FORLOOP adds the step,
-- compares with the limit and jumps back while the loop goes on.
-- Three hidden registers hold (for index), (for limit), (for step).
local sum = 0
for i = 1, 5 do
  sum = sum + i
end
print("sum", sum)
for i = 10, 1, -3 do
  io.write(i, " ")
end
print()
`,
  },
  {
    id: "closure-counter",
    title: "Closure counter (open, then closed upvalue)",
    source: `-- A closure keeps its upvalue alive after the function that made it returns.
local function counter()
  local n = 0
  local function inc()
    n = n + 1
    return n
  end
  inc()            -- n is still a register of counter: the upvalue is open
  return inc       -- RETURN closes it: inc keeps n on its own
end

local c = counter()
print(c())
print(c())
`,
  },
  {
    id: "shared-upvalue",
    title: "Closures sharing an upvalue",
    source: `-- Two closures made in the same call share one upvalue: a change made
-- through one is seen through the other.
local function account(balance)
  local function deposit(x) balance = balance + x end
  local function get() return balance end
  return deposit, get
end

local deposit, get = account(100)
deposit(25)
deposit(5)
print(get())          -- 130
local deposit2, get2 = account(0)
deposit2(1)
print(get(), get2())  -- each call of account made its own balance
`,
  },
  {
    id: "upvalue-per-iteration",
    title: "Upvalues closed per loop iteration",
    source: `-- Each iteration has a fresh 'i': the CLOSE at the end of the loop body
-- closes the upvalue, so every closure keeps its own copy.
local fns = {}
for i = 1, 3 do
  fns[i] = function() return i end
end
for j = 1, 3 do
  print(fns[j]())
end
`,
  },
  {
    id: "varargs",
    title: "Varargs",
    source: `-- VARARG copies the extra arguments into registers; select('#', ...)
-- counts them, nils included.
local function sum(...)
  local s = 0
  for i = 1, select("#", ...) do
    s = s + (select(i, ...) or 0)
  end
  return s, ...
end

print(sum(1, 2, 3))
print(sum(10, nil, 5))
local packed = {sum(4, 5)}
print(#packed)
`,
  },
  {
    id: "tail-calls",
    title: "Tail calls",
    source: `-- 'return f(x)' is a TAILCALL: the callee replaces the caller's frame,
-- so this loop runs in constant stack space. Step it and watch the call stack.
local function count(n, acc)
  if n == 0 then return acc end
  return count(n - 1, acc + n)
end

print(count(5, 0))
print(count(1000, 0))
`,
  },
  {
    id: "metatables-index",
    title: "Metatables and __index chains",
    source: `-- A missing key is looked up in the metatable's __index, and in its
-- __index, and so on: that is how classes and inheritance work in Lua.
local Animal = {sound = "..."}
Animal.__index = Animal
function Animal.new(name) return setmetatable({name = name}, Animal) end
function Animal:speak() return self.name .. " says " .. self.sound end

local Dog = setmetatable({sound = "woof"}, Animal)
Dog.__index = Dog
function Dog.new(name) return setmetatable(Animal.new(name), Dog) end

local d = Dog.new("Rex")
print(d:speak())                      -- speak found two levels up
print(rawget(d, "speak"), getmetatable(d) == Dog)
`,
  },
  {
    id: "operators",
    title: "Operator overloading",
    source: `-- ADD, EQ, LT, CONCAT and CALL fall back to metamethods on tables.
local V = {}
V.__index = V
local function vec(x, y) return setmetatable({x = x, y = y}, V) end
V.__add = function(a, b) return vec(a.x + b.x, a.y + b.y) end
V.__eq = function(a, b) return a.x == b.x and a.y == b.y end
V.__lt = function(a, b) return a.x * a.x + a.y * a.y < b.x * b.x + b.y * b.y end
V.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
V.__concat = function(a, b) return tostring(a) .. tostring(b) end
V.__call = function(v, k) return v.x * k, v.y * k end

local a, b = vec(1, 2), vec(3, 4)
print(tostring(a + b), a + b == vec(4, 6), a < b)
print(a .. b, a(10))
`,
  },
  {
    id: "pcall-error",
    title: "pcall and error",
    source: `-- pcall runs a function in protected mode: an error unwinds to it and
-- becomes a false result. Step into pcall to see its builtin frame.
local function risky(x)
  if x < 0 then error("negative input: " .. x) end
  return math.sqrt(x)
end

print(pcall(risky, 16))
print(pcall(risky, -1))
print(pcall(error, {code = 42}))           -- any value can be an error
print(select(2, pcall(error, "no position", 0)))
local ok, msg = pcall(function() local t = nil; return t.field end)
print(ok, msg)
`,
  },
  {
    id: "coroutine-generator",
    title: "Coroutines as generators",
    source: `-- A coroutine has its own stack; yield and resume switch stacks.
local function range(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i) end
  end)
end

for v in range(3) do print("got", v) end

local co = coroutine.create(function(a, b)
  local c = coroutine.yield(a + b)
  return c * 2
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.status(co))
`,
  },
  {
    id: "string-patterns",
    title: "String patterns",
    source: `-- Lua patterns: not regular expressions, but close enough for most jobs.
local s = "key1=val1, key2=val2, answer=42"
for k, v in string.gmatch(s, "(%w+)=(%w+)") do
  print(k, v)
end
print(string.find(s, "answer=(%d+)"))
print((string.gsub("hello world", "o", "0")))
print((string.gsub("$name is $age", "%$(%w+)", {name = "Lua", age = 18})))
print(string.format("%5.2f|%-5s|%q", math.pi, "ab", 'say "hi"'))
`,
  },
  {
    id: "redis-script",
    title: "A Redis-style script (KEYS/ARGV)",
    source: `-- Redis runs Lua 5.1 scripts with KEYS and ARGV tables and redis.call.
-- Here they are prepared by hand, with a tiny in-memory store.
local store = {}
local redis = {}
function redis.call(cmd, key, ...)
  cmd = string.upper(cmd)
  if cmd == "GET" then return store[key] end
  if cmd == "SET" then store[key] = (...); return "OK" end
  if cmd == "INCRBY" then
    store[key] = tostring((tonumber(store[key]) or 0) + tonumber((...)))
    return tonumber(store[key])
  end
  error("unknown command " .. cmd)
end

KEYS = {"rate:alice"}
ARGV = {"3", "1"}   -- limit, increment

-- the script: a rate limiter
local function script()
  local limit = tonumber(ARGV[1])
  local count = redis.call("INCRBY", KEYS[1], ARGV[2])
  if count > limit then return {0, count} end
  return {1, count}
end

for i = 1, 5 do
  local r = script()
  print("request " .. i, r[1] == 1 and "allowed" or "rejected", r[2])
end
`,
  },
];

export const DEFAULT_EXAMPLE = "closure-counter";
