-- disjoint sets with path compression and union by rank
local parent, rank = {}, {}
local function find(x)
  if parent[x] == nil then parent[x], rank[x] = x, 0 end
  if parent[x] ~= x then parent[x] = find(parent[x]) end
  return parent[x]
end
local function union(a, b)
  local ra, rb = find(a), find(b)
  if ra == rb then return false end
  if rank[ra] < rank[rb] then ra, rb = rb, ra end
  parent[rb] = ra
  if rank[ra] == rank[rb] then rank[ra] = rank[ra] + 1 end
  return true
end
local edges = {{1, 2}, {3, 4}, {2, 3}, {5, 6}, {1, 4}, {7, 7}}
local merged = 0
for _, e in ipairs(edges) do if union(e[1], e[2]) then merged = merged + 1 end end
print(merged, find(1) == find(4), find(5) == find(1), find(7))
