local LRU = {}
LRU.__index = LRU
function LRU.new(cap)
  local head, tail = {}, {}
  head.next, tail.prev = tail, head
  return setmetatable({cap = cap, map = {}, head = head, tail = tail, n = 0}, LRU)
end
local function unlink(node) node.prev.next, node.next.prev = node.next, node.prev end
function LRU:_front(node)
  node.next, node.prev = self.head.next, self.head
  self.head.next.prev = node
  self.head.next = node
end
function LRU:get(k)
  local node = self.map[k]
  if not node then return nil end
  unlink(node); self:_front(node)
  return node.value
end
function LRU:put(k, v)
  local node = self.map[k]
  if node then node.value = v; unlink(node); self:_front(node); return end
  if self.n >= self.cap then
    local old = self.tail.prev
    unlink(old); self.map[old.key] = nil; self.n = self.n - 1
  end
  node = {key = k, value = v}
  self.map[k] = node; self:_front(node); self.n = self.n + 1
end
function LRU:keys()
  local out, cur = {}, self.head.next
  while cur ~= self.tail do out[#out + 1] = cur.key; cur = cur.next end
  return table.concat(out, ",")
end
local c = LRU.new(3)
c:put("a", 1); c:put("b", 2); c:put("c", 3)
print(c:keys())
print(c:get("a"), c:keys())
c:put("d", 4)
print(c:keys(), c:get("b"))
c:put("c", 30)
print(c:keys(), c:get("c"), c.n)
