-- split, join, trim, startswith, padding
local function split(s, sep)
  local out, pattern = {}, "([^" .. sep .. "]*)"
  for piece in (s .. sep):gmatch(pattern .. sep) do out[#out + 1] = piece end
  return out
end
local function trim(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end
local function startswith(s, prefix) return s:sub(1, #prefix) == prefix end
local function pad(s, n, ch) return s .. string.rep(ch or " ", n - #s) end
local parts = split("a,b,,c", ",")
print(#parts, table.concat(parts, "|"))
print("[" .. trim("  padded  ") .. "]", startswith("hello", "he"), pad("x", 5, ".") .. "|")
