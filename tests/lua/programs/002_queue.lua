local Queue = {}
Queue.__index = Queue
function Queue.new() return setmetatable({first = 1, last = 0, items = {}}, Queue) end
function Queue:push(v) self.last = self.last + 1; self.items[self.last] = v end
function Queue:pop()
  if self.first > self.last then return nil, "empty" end
  local v = self.items[self.first]
  self.items[self.first] = nil
  self.first = self.first + 1
  return v
end
function Queue:size() return self.last - self.first + 1 end
Queue.__len = Queue.size
local q = Queue.new()
for i = 1, 5 do q:push(i * i) end
print(q:size(), #q)
print(q:pop(), q:pop(), q:size())
q:push("x")
local out = {}
while q:size() > 0 do out[#out + 1] = tostring(q:pop()) end
print(table.concat(out, " "))
print(q:pop())
-- breadth-first search with the queue
local graph = {a = {"b", "c"}, b = {"d"}, c = {"d", "e"}, d = {"f"}, e = {"f"}, f = {}}
local function bfs(start, goal)
  local frontier = Queue.new()
  frontier:push(start)
  local came = {[start] = false}
  while frontier:size() > 0 do
    local node = frontier:pop()
    if node == goal then break end
    for _, nxt in ipairs(graph[node]) do
      if came[nxt] == nil then came[nxt] = node; frontier:push(nxt) end
    end
  end
  local path, n = {}, goal
  while n do table.insert(path, 1, n); n = came[n] end
  return table.concat(path, "->")
end
print(bfs("a", "f"))
