-- stateless and stateful iterators
local function iter(t, i)
  i = i + 1
  local v = t[i]
  if v then return i, v end
end
local function my_ipairs(t) return iter, t, 0 end
local function reverse(t)
  local i = #t + 1
  return function()
    i = i - 1
    if i > 0 then return i, t[i] end
  end
end
local function chars(s)
  return function(str, pos)
    pos = pos + 1
    if pos <= #str then return pos, str:sub(pos, pos) end
  end, s, 0
end
local function take(n, f, s, c)
  return function()
    if n <= 0 then return nil end
    n = n - 1
    local v
    c, v = f(s, c)
    return c, v
  end
end
local t = {"x", "y", "z"}
for i, v in my_ipairs(t) do io.write(i, v, " ") end
for i, v in reverse(t) do io.write(i, v, " ") end
for i, c in chars("abc") do io.write(i, c, " ") end
for i, v in take(2, ipairs(t)) do io.write(i, v, " ") end
print()
