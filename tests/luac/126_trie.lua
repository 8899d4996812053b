-- prefix tree with insertion, lookup and prefix enumeration
local Trie = {}
Trie.__index = Trie
function Trie.new() return setmetatable({root = {children = {}}}, Trie) end
function Trie:insert(word)
  local node = self.root
  for ch in word:gmatch(".") do
    node.children[ch] = node.children[ch] or {children = {}}
    node = node.children[ch]
  end
  node.terminal = true
end
function Trie:find(prefix)
  local node = self.root
  for ch in prefix:gmatch(".") do
    node = node.children[ch]
    if not node then return nil end
  end
  return node
end
function Trie:complete(prefix)
  local out = {}
  local function walk(node, acc)
    if node.terminal then out[#out + 1] = acc end
    local keys = {}
    for k in pairs(node.children) do keys[#keys + 1] = k end
    table.sort(keys)
    for _, k in ipairs(keys) do walk(node.children[k], acc .. k) end
  end
  local start = self:find(prefix)
  if start then walk(start, prefix) end
  return out
end
local t = Trie.new()
for _, w in ipairs({"car", "cart", "carbon", "cat", "dog", "do"}) do t:insert(w) end
print(table.concat(t:complete("car"), " "), #t:complete("d"), #t:complete("x"))
