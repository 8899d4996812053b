local BST = {}
BST.__index = BST
function BST.new() return setmetatable({root = nil, size = 0}, BST) end
function BST:insert(k, v)
  local node = {key = k, value = v}
  if not self.root then self.root = node; self.size = 1; return end
  local cur = self.root
  while true do
    if k == cur.key then cur.value = v; return
    elseif k < cur.key then
      if cur.left then cur = cur.left else cur.left = node; break end
    else
      if cur.right then cur = cur.right else cur.right = node; break end
    end
  end
  self.size = self.size + 1
end
function BST:find(k)
  local cur = self.root
  while cur do
    if k == cur.key then return cur.value end
    cur = k < cur.key and cur.left or cur.right
  end
end
function BST:inorder()
  local out = {}
  local function walk(n) if n then walk(n.left); out[#out + 1] = n.key; walk(n.right) end end
  walk(self.root)
  return out
end
function BST:height()
  local function h(n) if not n then return 0 end return 1 + math.max(h(n.left), h(n.right)) end
  return h(self.root)
end
local t = BST.new()
for _, k in ipairs({50, 30, 70, 20, 40, 60, 80, 35, 45, 65}) do t:insert(k, "v" .. k) end
t:insert(40, "updated")
print(t.size, t:height())
print(table.concat(t:inorder(), " "))
print(t:find(40), t:find(65), t:find(99))
local words = BST.new()
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do words:insert(w, true) end
print(words.size, table.concat(words:inorder(), ","))
