-- a userdata's __gc runs when a cycle comes by itself (allocation), and
-- weak entries vanish then too, with no collectgarbage() call
local finalized = false
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() finalized = true end
end
local weak = setmetatable({}, {__mode = "k"})
weak[{}] = "gone soon"
local n = 0
while not finalized or next(weak) do
  local t = {n, {n}}
  n = n + 1
  assert(n < 1e6, "no cycle came")
end
print("finalized", finalized, "weak empty", next(weak) == nil)

-- errors in __gc go to the code whose allocation ran the cycle (5.1)
do
  local u = newproxy(true)
  getmetatable(u).__gc = function() error("from __gc") end
end
local ok, msg = pcall(function()
  for i = 1, 1e6 do local t = {i} end
end)
print(ok, msg)
