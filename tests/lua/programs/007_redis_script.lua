-- a Redis-style script: KEYS and ARGV come first, redis.call is simulated
local KEYS = {"rate:user:42", "rate:user:42:log"}
local ARGV = {"10", "60", "1700000000"}
local store = {}
local redis = {}
function redis.call(cmd, key, ...)
  local args = {...}
  cmd = cmd:upper()
  if cmd == "GET" then return store[key]
  elseif cmd == "SET" then store[key] = tostring(args[1]); return "OK"
  elseif cmd == "INCR" then
    local v = tonumber(store[key] or "0")
    if not v then error("ERR value is not an integer") end
    store[key] = tostring(v + 1)
    return v + 1
  elseif cmd == "RPUSH" then
    store[key] = store[key] or {}
    for _, a in ipairs(args) do table.insert(store[key], a) end
    return #store[key]
  elseif cmd == "LRANGE" then
    local list, out = store[key] or {}, {}
    local from, to = tonumber(args[1]) + 1, tonumber(args[2])
    if to < 0 then to = #list + to + 1 else to = to + 1 end
    for i = from, math.min(to, #list) do out[#out + 1] = list[i] end
    return out
  end
  error("ERR unknown command '" .. cmd .. "'")
end
function redis.pcall(...)
  local ok, r = pcall(redis.call, ...)
  if ok then return r end
  return {err = r}
end
local limit, window, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local function hit()
  local count = redis.call("INCR", KEYS[1])
  redis.call("RPUSH", KEYS[2], now .. ":" .. count)
  if count > limit then return {0, count} end
  return {1, count}
end
local results = {}
for i = 1, 12 do local r = hit(); results[#results + 1] = r[1] .. "/" .. r[2] end
print(table.concat(results, " "))
print(redis.call("GET", KEYS[1]), #redis.call("LRANGE", KEYS[2], 0, -1))
print(table.concat(redis.call("LRANGE", KEYS[2], 0, 2), ","))
redis.call("SET", "str", "abc")
local e = redis.pcall("INCR", "str")
print(type(e), e.err ~= nil, (tostring(e.err):gsub("^.-: ", "")))
print(pcall(redis.call, "FLUSHALL", "x"))
print(#KEYS, #ARGV, window)
