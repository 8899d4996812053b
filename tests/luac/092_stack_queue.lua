-- a stack and a two-index queue
local Stack = {}
Stack.__index = Stack
function Stack.new() return setmetatable({n = 0}, Stack) end
function Stack:push(...)
  for i = 1, select("#", ...) do
    self.n = self.n + 1
    self[self.n] = select(i, ...)
  end
end
function Stack:pop()
  if self.n == 0 then return nil end
  local v = self[self.n]
  self[self.n] = nil
  self.n = self.n - 1
  return v
end
local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({first = 1, last = 0}, Queue) end
function Queue:put(v) self.last = self.last + 1; self[self.last] = v end
function Queue:take()
  if self.first > self.last then return nil end
  local v = self[self.first]
  self[self.first] = nil
  self.first = self.first + 1
  return v
end
local s, q = Stack.new(), Queue.new()
s:push(1, 2, 3)
q:put("a") q:put("b")
print(s:pop(), s:pop(), q:take(), q:take(), q:take())
