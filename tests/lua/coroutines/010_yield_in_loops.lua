local co = coroutine.wrap(function()
  local sum = 0
  for i = 1, 5 do
    local v = coroutine.yield(sum)
    sum = sum + (v or 0)
  end
  return "total " .. sum
end)
print(co())
for i = 1, 5 do print(co(i * 10)) end
local tree = {v = 1, {v = 2, {v = 4}, {v = 5}}, {v = 3, {v = 6}}}
local function walk(n) coroutine.yield(n.v); for _, c in ipairs(n) do walk(c) end end
local vals = {}
for v in coroutine.wrap(function() walk(tree) end) do vals[#vals + 1] = v end
print(table.concat(vals, " "))
