-- palindrome checks and the longest palindromic substring
local function is_palindrome(s)
  s = s:lower():gsub("[^%w]", "")
  return s == s:reverse()
end
local function longest(s)
  local best_i, best_len = 1, 0
  for center = 1, #s do
    for _, off in ipairs({0, 1}) do
      local l, r = center, center + off
      while l >= 1 and r <= #s and s:sub(l, l) == s:sub(r, r) do l, r = l - 1, r + 1 end
      if r - l - 1 > best_len then best_i, best_len = l + 1, r - l - 1 end
    end
  end
  return s:sub(best_i, best_i + best_len - 1)
end
print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("Lua"), longest("forgeeksskeegfor"))
