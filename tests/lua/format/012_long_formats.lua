-- Long format strings (more than 4 KB: scanned with find, not cached, their
-- text kept as views), and formats given too few arguments.
local function show(...)
  local ok, r = pcall(string.format, ...)
  if ok then
    print(#r, r:sub(1, 30), r:sub(-30))
  else
    print("error", r)
  end
end
local lit = ("abc"):rep(2000)
show(lit)
show(lit .. "%d" .. lit, 42)
show(lit .. "%%" .. lit .. "%5.1f|%-5s|%q", 3.25, "x", "a\nb")
show(("%d,"):rep(3000), unpack((function() local t = {} for i = 1, 3000 do t[i] = i end return t end)()))
-- the conversion without an argument fails before its spec is read
show(("%099d"):rep(100000), 1)
show(lit .. "%d %y", 1)
show(lit .. "%d %y", 1, 2)
show(lit .. "%d %------d", 1, 2)
show(lit .. "%100d", 1)
show(lit .. "%")
show(lit .. "%d%", 5)
show("%d %s", 1)
show(("x\0y"):rep(3000) .. "%s", "tail")
-- %s: a string of 100 bytes or more goes in whole, NULs too; a shorter one stops at a NUL
show(lit .. "%s", ("a\0b"):rep(50))
show(lit .. "%s|", "a\0b")
show("%s%s%s", lit, lit, lit)
-- %q of a long string with every escape
local q = string.format("%q", ("\0\r\n\"\\x"):rep(2000))
print(#q, q:sub(1, 24), q:sub(-12))
