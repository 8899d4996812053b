-- Sliding session: touch a session if it exists, counting page views.
-- KEYS[1]: the session hash; ARGV[1]: idle timeout (s), ARGV[2]: now (s), ARGV[3]: page
-- Returns {user, views} or nil when the session expired.
if redis.call('EXISTS', KEYS[1]) == 0 then
  return nil
end
redis.call('HSET', KEYS[1], 'last_seen', ARGV[2], 'last_page', ARGV[3])
local views = redis.call('HINCRBY', KEYS[1], 'views', 1)
redis.call('EXPIRE', KEYS[1], ARGV[1])
return {redis.call('HGET', KEYS[1], 'user'), views}
