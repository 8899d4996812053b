local tasks = {}
local function spawn(name, n)
  tasks[#tasks + 1] = {name = name, co = coroutine.create(function()
    for i = 1, n do coroutine.yield(name .. i) end
    return name .. " finished"
  end)}
end
spawn("a", 2); spawn("b", 3); spawn("c", 1)
while #tasks > 0 do
  local t = table.remove(tasks, 1)
  local ok, v = coroutine.resume(t.co)
  io.write(v, " ")
  if coroutine.status(t.co) ~= "dead" then tasks[#tasks + 1] = t end
end
print()
