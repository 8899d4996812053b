-- topological order of build targets (Kahn's algorithm, deterministic)
local deps = {
  app = {"lib", "utils"}, lib = {"core"}, utils = {"core"}, core = {}, tests = {"app"},
}
local indegree, users = {}, {}
for target, list in pairs(deps) do
  indegree[target] = indegree[target] or 0
  for _, d in ipairs(list) do
    indegree[target] = indegree[target] + 1
    users[d] = users[d] or {}
    table.insert(users[d], target)
  end
end
local ready = {}
for t, n in pairs(indegree) do if n == 0 then ready[#ready + 1] = t end end
local order = {}
while #ready > 0 do
  table.sort(ready, function(a, b) return a > b end)
  local t = table.remove(ready)
  order[#order + 1] = t
  for _, u in ipairs(users[t] or {}) do
    indegree[u] = indegree[u] - 1
    if indegree[u] == 0 then ready[#ready + 1] = u end
  end
end
print(table.concat(order, " "))
