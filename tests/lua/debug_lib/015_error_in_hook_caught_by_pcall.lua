-- an error thrown from a hook and caught by pcall leaves hooks on (luaD_pcall restores allowhook)
local n=0
local function f()
  return 1
end
local t = {}
debug.sethook(function(e, l) n=n+1 t[#t+1]=l if n<8 and l == 4 then error("x"..n) end end, "l")
for i=1,4 do
  local ok, e = pcall(f)
  t[#t+1] = tostring(ok)
end
debug.sethook()
print(n, table.concat(t, " "))
