-- SETLIST whose batch number does not fit in C (more than 511 * 50 items):
-- C is 0 and the batch number is the next code word, which is data.
local function items(n, from)
  local parts = {}
  for i = from or 1, n do parts[#parts + 1] = tostring(i) end
  return table.concat(parts, ", ")
end

local function check(label, src)
  local f = assert(loadstring(src, "=" .. label))
  print(label, f())
end

-- nine locals below the table, then the constructor (the first report)
check("25699", "local a0, a1, a2, a3, a4, a5, a6, a7, a8 = 0, 1, 2, 3, 4, 5, 6, 7, 8\n"
  .. "local t = {" .. items(25699) .. "}\n"
  .. "return a8, #t, t[1], t[25550], t[25551], t[25699]")

-- the last batch with C = 511 (fits), and the first one with C = 0
check("25550", "local t = {" .. items(25550) .. "} return #t, t[25550]")
check("25551", "local t = {" .. items(25551) .. "} return #t, t[25551]")
check("25600", "local t = {" .. items(25600) .. "} return #t, t[25600]")

-- a vararg tail after the 512th batch (B = 0 with C = 0)
check("vararg", "local t = {" .. items(25600) .. ", ...} return #t, t[25601], t[25603]")
print(loadstring("local t = {" .. items(25600) .. ", ...} return #t, t[25603]")(1, 2, 3))

-- inside a function with upvalues, whose closure follows the constructor
check("closure", "local u, v = 10, 20\n"
  .. "local function f()\n"
  .. "  local t = {" .. items(25560) .. "}\n"
  .. "  local g = function() return u + v end\n"
  .. "  return #t, t[25560], g()\n"
  .. "end\n"
  .. "return f()")

-- hash items mixed in, and a constructor in a loop
check("mixed", "local r = {} for j = 1, 2 do\n"
  .. "  local t = {x = j, " .. items(25555) .. ", y = -j}\n"
  .. "  r[j] = #t + t.x + t.y\n"
  .. "end return r[1], r[2]")
