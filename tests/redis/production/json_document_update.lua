-- Update one field of a JSON document stored as a string, with a
-- version check (optimistic concurrency).
-- KEYS[1]: the document; ARGV[1]: expected version, ARGV[2]: field, ARGV[3]: JSON value
-- Returns the new document, or an error on a version conflict.
local raw = redis.call('GET', KEYS[1])
if not raw then
  return redis.error_reply('NOTFOUND no such document')
end

local doc = cjson.decode(raw)
if tostring(doc.version) ~= ARGV[1] then
  return redis.error_reply('CONFLICT document is at version ' .. tostring(doc.version))
end

doc[ARGV[2]] = cjson.decode(ARGV[3])
doc.version = doc.version + 1
local out = cjson.encode(doc)
redis.call('SET', KEYS[1], out)
return out
