-- A shopping cart kept as JSON: add an item (or more of it) and return
-- the cart's item count and total.
-- KEYS[1]: the cart; ARGV[1]: sku, ARGV[2]: quantity, ARGV[3]: unit price
local cart = {items = {}}
local raw = redis.call('GET', KEYS[1])
if raw then cart = cjson.decode(raw) end

local found = false
for _, item in ipairs(cart.items) do
  if item.sku == ARGV[1] then
    item.qty = item.qty + tonumber(ARGV[2])
    found = true
  end
end
if not found then
  table.insert(cart.items, {sku = ARGV[1], qty = tonumber(ARGV[2]), price = tonumber(ARGV[3])})
end

local count, total = 0, 0
for _, item in ipairs(cart.items) do
  count = count + item.qty
  total = total + item.qty * item.price
end
redis.call('SET', KEYS[1], cjson.encode(cart), 'EX', 3600)
return {count, string.format('%.2f', total)}
