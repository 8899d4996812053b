local log = {}
do
  local p = newproxy(true)
  getmetatable(p).__gc = function() log[#log + 1] = "collected" end
end
collectgarbage()
collectgarbage()
print(#log)
local keep = newproxy(true)
getmetatable(keep).__gc = function() print("gc at exit") end
print("end of program")
