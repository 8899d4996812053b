-- Append an event to a capped stream and keep a per-type counter.
-- KEYS[1]: the stream, KEYS[2]: the counters hash
-- ARGV[1]: entry id ("*" or explicit), ARGV[2]: max length, ARGV[3]: type, ARGV[4]: payload
-- Returns {stream length, events of this type so far, first entry's type}
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], ARGV[1], 'type', ARGV[3], 'payload', ARGV[4])
local n = redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
local first = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', 1)
return {redis.call('XLEN', KEYS[1]), n, first[1][2][2]}
