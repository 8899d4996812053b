-- Dijkstra's shortest paths on a small weighted graph (O(V^2))
local graph = {
  a = {b = 7, c = 9, f = 14}, b = {a = 7, c = 10, d = 15}, c = {a = 9, b = 10, d = 11, f = 2},
  d = {b = 15, c = 11, e = 6}, e = {d = 6, f = 9}, f = {a = 14, c = 2, e = 9},
}
local function dijkstra(g, source)
  local dist, prev, done = {}, {}, {}
  for v in pairs(g) do dist[v] = math.huge end
  dist[source] = 0
  while true do
    local u, best = nil, math.huge
    for v, d in pairs(dist) do
      if not done[v] and d < best then u, best = v, d end
    end
    if not u then break end
    done[u] = true
    for v, w in pairs(g[u]) do
      local alt = dist[u] + w
      if alt < dist[v] then dist[v], prev[v] = alt, u end
    end
  end
  return dist, prev
end
local dist, prev = dijkstra(graph, "a")
local path, v = {}, "e"
while v do table.insert(path, 1, v) v = prev[v] end
print(dist.e, table.concat(path, "->"))
