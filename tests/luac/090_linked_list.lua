-- singly linked list: push, reverse, iterate
local List = {}
List.__index = List
function List.new() return setmetatable({head = nil, size = 0}, List) end
function List:push(v)
  self.head = {value = v, next = self.head}
  self.size = self.size + 1
end
function List:reverse()
  local prev, node = nil, self.head
  while node do
    node.next, prev, node = prev, node, node.next
  end
  self.head = prev
end
function List:items()
  local node = self.head
  return function()
    if node then
      local v = node.value
      node = node.next
      return v
    end
  end
end
local l = List.new()
for i = 1, 5 do l:push(i * i) end
l:reverse()
for v in l:items() do io.write(v, " ") end
print("size", l.size)
