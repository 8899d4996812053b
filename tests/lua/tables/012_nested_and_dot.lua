local cfg = {db = {host = "localhost", port = 5432, opts = {ssl = true}}}
print(cfg.db.host, cfg["db"]["port"], cfg.db.opts.ssl)
cfg.db.opts.timeout = 30
print(cfg.db.opts.timeout)
local path = {"db", "opts", "ssl"}
local node = cfg
for _, k in ipairs(path) do node = node[k] end
print(node)
local grid = {}
for r = 1, 3 do grid[r] = {} for c = 1, 3 do grid[r][c] = r * c end end
for r = 1, 3 do print(table.concat(grid[r], " ")) end
print(pcall(function() return cfg.nope.deeper end))
print(pcall(function() cfg.nope.deeper = 1 end))
