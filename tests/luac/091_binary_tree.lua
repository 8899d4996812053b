-- binary search tree: insert, in-order walk, height
local function insert(node, key)
  if not node then return {key = key} end
  if key < node.key then
    node.left = insert(node.left, key)
  elseif key > node.key then
    node.right = insert(node.right, key)
  end
  return node
end
local function walk(node, visit)
  if node then
    walk(node.left, visit)
    visit(node.key)
    walk(node.right, visit)
  end
end
local function height(node)
  if not node then return 0 end
  local l, r = height(node.left), height(node.right)
  return 1 + (l > r and l or r)
end
local root
for _, k in ipairs({50, 30, 70, 20, 40, 60, 80, 35, 45, 65}) do root = insert(root, k) end
local out = {}
walk(root, function(k) out[#out + 1] = k end)
print(table.concat(out, " "), height(root))
