-- Top N of a leaderboard as "rank. player (score)" lines, plus the
-- caller's own position when it is outside the top.
-- KEYS[1]: the board; ARGV[1]: N, ARGV[2]: the caller (optional)
local n = tonumber(ARGV[1])
local rows = redis.call('ZREVRANGE', KEYS[1], 0, n - 1, 'WITHSCORES')
local out = {}
for i = 1, #rows, 2 do
  out[#out + 1] = string.format('%d. %s (%s)', (i + 1) / 2, rows[i], rows[i + 1])
end
if ARGV[2] then
  local rank = redis.call('ZREVRANK', KEYS[1], ARGV[2])
  if rank and rank >= n then
    local score = redis.call('ZSCORE', KEYS[1], ARGV[2])
    out[#out + 1] = string.format('...\n%d. %s (%s)', rank + 1, ARGV[2], score)
  elseif not rank then
    out[#out + 1] = ARGV[2] .. ' is not ranked'
  end
end
return out
