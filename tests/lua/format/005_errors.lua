local f = string.format
local function C(...) return {n = select("#", ...), ...} end
local cases = {
  C("%y", 1), C("%", 1), C("%d", "x"), C("%d"), C("%d", nil), C("%10.3", 1),
  C("%123d", 1), C("%1234d", 1), C("%.123d", 1), C("%-----5d", 1), C("%------5d", 1),
  C("%#+ 0-5d", 1), C("%c", "a"), C("%x", {}), C("%f", "1e"), C("%i", true),
  C("%ld", 1), C("%s %s", "a"), C("%5$d", 1), C("%*d", 5, 1),
}
for i, c in ipairs(cases) do
  print(i, c[1], pcall(f, unpack(c, 1, c.n)))
end
print(pcall(f))
print(pcall(f, 12))
print(f(12), f(1.5))
