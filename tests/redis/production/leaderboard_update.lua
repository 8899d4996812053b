-- Leaderboard: add points to a player and report the new score and rank,
-- keeping a per-player history of the last 5 scores.
-- KEYS[1]: the board zset, KEYS[2]: the player's history list
-- ARGV[1]: player, ARGV[2]: points
-- Returns {score (string), rank (1 = first), players on the board}
local score = redis.call('ZINCRBY', KEYS[1], ARGV[2], ARGV[1])
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
redis.call('LPUSH', KEYS[2], score)
redis.call('LTRIM', KEYS[2], 0, 4)
return {score, rank + 1, redis.call('ZCARD', KEYS[1])}
