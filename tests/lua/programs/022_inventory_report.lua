local inventory = {
  {sku = "A-100", name = "Widget", qty = 12, price = 2.5, tags = {"tools", "small"}},
  {sku = "B-200", name = "Gadget", qty = 0, price = 19.99, tags = {"electronics"}},
  {sku = "C-300", name = "Doohickey", qty = 5, price = 7.25, tags = {"tools"}},
  {sku = "D-400", name = "Thingamajig", qty = 42, price = 0.99, tags = {"small", "misc"}},
}
local by_tag = {}
for _, item in ipairs(inventory) do
  for _, t in ipairs(item.tags) do
    by_tag[t] = by_tag[t] or {}
    table.insert(by_tag[t], item.sku)
  end
end
local tags = {}
for t in pairs(by_tag) do tags[#tags + 1] = t end
table.sort(tags)
for _, t in ipairs(tags) do print(string.format("%-12s %s", t, table.concat(by_tag[t], ","))) end
local value, out_of_stock = 0, {}
for _, item in ipairs(inventory) do
  value = value + item.qty * item.price
  if item.qty == 0 then out_of_stock[#out_of_stock + 1] = item.name end
end
print(string.format("total value: %.2f", value))
print("out of stock: " .. table.concat(out_of_stock, ", "))
table.sort(inventory, function(a, b) return a.qty * a.price > b.qty * b.price end)
for i, item in ipairs(inventory) do
  print(string.format("%d. %-12s %8.2f", i, item.name, item.qty * item.price))
end
