-- read-modify-write through chains of fields and indexes
local config = {server = {http = {port = 80, hosts = {"a"}}}, counters = {}}
config.server.http.port = config.server.http.port + 8000
config.server.http.hosts[#config.server.http.hosts + 1] = "b"
config.counters["x"] = (config.counters["x"] or 0) + 1
local key = "hits"
config.counters[key] = (config.counters[key] or 0) + 1
config.counters[key] = config.counters[key] * 10
local s = config.server
s.http.port, s.http.secure = s.http.port + 1, true
glob = {a = {b = {}}}
glob.a.b.c = glob.a.b.c or "default"
print(config.server.http.port, #config.server.http.hosts, config.counters.x, config.counters.hits, glob.a.b.c)
