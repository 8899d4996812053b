-- LRU cache with a doubly linked list and a map
local LRU = {}
LRU.__index = LRU
function LRU.new(capacity)
  local head, tail = {}, {}
  head.next, tail.prev = tail, head
  return setmetatable({capacity = capacity, size = 0, map = {}, head = head, tail = tail}, LRU)
end
local function unlink(node) node.prev.next, node.next.prev = node.next, node.prev end
function LRU:_front(node)
  node.next, node.prev = self.head.next, self.head
  self.head.next.prev = node
  self.head.next = node
end
function LRU:get(key)
  local node = self.map[key]
  if not node then return nil end
  unlink(node)
  self:_front(node)
  return node.value
end
function LRU:put(key, value)
  local node = self.map[key]
  if node then
    node.value = value
    unlink(node)
  else
    if self.size == self.capacity then
      local last = self.tail.prev
      unlink(last)
      self.map[last.key] = nil
      self.size = self.size - 1
    end
    node = {key = key, value = value}
    self.map[key] = node
    self.size = self.size + 1
  end
  self:_front(node)
end
local c = LRU.new(2)
c:put("a", 1) c:put("b", 2) c:get("a") c:put("c", 3)
print(c:get("a"), c:get("b"), c:get("c"), c.size)
