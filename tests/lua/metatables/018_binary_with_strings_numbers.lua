-- which value gets passed to the metamethod
local log = {}
local function rec(name) return function(a, b) log[#log + 1] = name .. "(" .. type(a) .. "," .. type(b) .. ")"; return 1 end end
local T = setmetatable({}, {__add = rec("add"), __mul = rec("mul"), __div = rec("div"),
  __mod = rec("mod"), __pow = rec("pow"), __sub = rec("sub"), __concat = rec("concat"), __unm = rec("unm")})
local _ = T + 1, 2 * T, T / "x", "3" % T, T ^ T, 5 - T, "s" .. T, T .. 5, -T
print(table.concat(log, " "))
