-- errors raised where a compiled function runs: messages, lines, tracebacks
local function idx(t, k) return t[k].v end
local function arith(a, b) return a + b end
local function callit(f, ...) return f(...) end
local function lenof(x) return #x end
local function bad_builtin(s) return string.rep(s, -1) .. string.sub(s) end
for i = 1, 30 do idx({{v = 1}}, 1); arith(1, 2); lenof("ab"); callit(arith, 1, 2) end
print(pcall(idx, {}, 1))
print(pcall(arith, 1, {}))
print(pcall(arith, "x", 1))
print(pcall(lenof, 5))
print(pcall(callit, nil))
print(pcall(bad_builtin, 3))
print(pcall(bad_builtin, {}))
local function thrower(n) if n == 0 then error({code = 7}) end return thrower(n - 1) end
local ok, e = pcall(thrower, 50)
print(ok, type(e), e.code)
local function lvl() error("at level 2", 2) end
local function caller() lvl() end
for i = 1, 25 do pcall(caller) end
print(pcall(caller))
print(select(2, xpcall(function() return idx({}, 2) end, debug.traceback)))
local function loop_err(t)
  local s = 0
  for i = 1, #t + 1 do s = s + t[i] end
  return s
end
local t = {} for i = 1, 100 do t[i] = i end
print(pcall(loop_err, t))
