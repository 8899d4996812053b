local function f(...)
  local t = {...}
  table.insert(t, "end")
  return table.concat(t, " "), #t
end
print(f("a", "b"))
print(f())
local function max(...)
  local m = ...
  for i = 2, select("#", ...) do local v = select(i, ...); if v > m then m = v end end
  return m
end
print(max(3, 7, 2, 9, 4))
local function printf(fmt, ...) io.write(string.format(fmt, ...)) end
printf("%s=%d;%s\n", "x", 1, "done")
