local function trim(s) return (s:gsub("^%s*(.-)%s*$", "%1")) end
print("[" .. trim("  hi there  ") .. "]", "[" .. trim("") .. "]", "[" .. trim("   ") .. "]")
local function split(s, sep)
  local out = {}
  for piece in (s .. sep):gmatch("(.-)" .. sep:gsub("%p", "%%%0")) do out[#out + 1] = piece end
  return out
end
local p = split("a,b,,c", ",")
print(#p, table.concat(p, "|"))
p = split("1.2.3", ".")
print(#p, table.concat(p, "|"))
local function startswith(s, pre) return s:sub(1, #pre) == pre end
print(startswith("hello", "he"), startswith("hello", "lo"))
local function count(s, pat) return select(2, s:gsub(pat, "")) end
print(count("banana", "a"), count("banana", "an"), count("banana", "x"))
local csv = 'a,"b,c",d'
local fields = {}
for f in csv:gmatch('("?)([^,"]*)%1,?') do end
print(csv:match('^([^,]*),"([^"]*)",(.*)$'))
print(("%d items"):format(3):gsub("%d", "many"))
print(("hello world from lua"):gsub("(%w+)", string.upper))
print(("x"):rep(3, ","):gsub("x", "y"))
