-- collectgarbage("count") rises with allocation and drops when a cycle
-- ends, without an explicit collectgarbage() (official gc.lua's loop)
local bytes = gcinfo()
local rose = false
local n = 0
while true do
  local nbytes = gcinfo()
  if nbytes < bytes then break end
  if nbytes > bytes then rose = true end
  bytes = nbytes
  local a = {}
  n = n + 1
  assert(n < 1e6, "the count never dropped")
end
print("rose then dropped", rose)

-- stop keeps everything, restart collects soon after
collectgarbage()
collectgarbage("stop")
local base = gcinfo()
repeat local a = {} until gcinfo() > base + 500
print("grew while stopped", gcinfo() > base + 500)
collectgarbage("restart")
repeat local a = {} until gcinfo() < base + 500
print("dropped after restart")

-- step: more steps with smaller sizes, one step with a huge size
local function dosteps(siz)
  collectgarbage()
  collectgarbage("stop")
  local a = {}
  for i = 1, 100 do a[i] = {{}}; local b = {} end
  local x = gcinfo()
  local i = 0
  repeat i = i + 1 until collectgarbage("step", siz)
  assert(gcinfo() < x)
  return i
end
print("step(0) > 10", dosteps(0) > 10)
print("step(6) < step(2)", dosteps(6) < dosteps(2))
print("step(10000) == 1", dosteps(10000) == 1)
print(collectgarbage("step", 1000000))
collectgarbage("restart")

-- setpause and setstepmul answer the previous values
print(collectgarbage("setpause", 100), collectgarbage("setpause", 200))
print(collectgarbage("setstepmul", 400), collectgarbage("setstepmul", 200))
print(type(collectgarbage("count")), math.floor(collectgarbage("count")) == gcinfo())
