-- __gc on a newproxy: only that it runs without crashing (when finalizers run is not checked)
local log = {}
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = "collected" end
end
collectgarbage()
collectgarbage()
print(#log <= 1)
local keep = newproxy(true)
getmetatable(keep).__gc = function() log[#log + 1] = "at exit" end
collectgarbage()
print("end of program", type(keep))
