local numerals = {{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"},
  {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}}
local function to_roman(n)
  local out = {}
  for _, p in ipairs(numerals) do
    while n >= p[1] do out[#out + 1] = p[2]; n = n - p[1] end
  end
  return table.concat(out)
end
local function from_roman(s)
  local vals = {I = 1, V = 5, X = 10, L = 50, C = 100, D = 500, M = 1000}
  local total, prev = 0, 0
  for i = #s, 1, -1 do
    local v = vals[s:sub(i, i)]
    if v < prev then total = total - v else total = total + v; prev = v end
  end
  return total
end
for _, n in ipairs({1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999}) do
  local r = to_roman(n)
  print(n, r, from_roman(r) == n)
end
local function rle(s)
  return (s:gsub("(.)%1*", function(c) return c end):len() > 0) and
    (function()
      local out, i = {}, 1
      while i <= #s do
        local c = s:sub(i, i)
        local j = i
        while s:sub(j + 1, j + 1) == c do j = j + 1 end
        out[#out + 1] = (j - i + 1) .. c
        i = j + 1
      end
      return table.concat(out)
    end)() or ""
end
local function unrle(s)
  return (s:gsub("(%d+)(%D)", function(n, c) return c:rep(tonumber(n)) end))
end
for _, s in ipairs({"aaabccdddd", "abc", "", "zzzzzzzzzzzz"}) do
  local e = rle(s)
  print(string.format("%q", s), e, unrle(e) == s)
end
