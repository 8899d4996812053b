-- longest common subsequence with reconstruction
local function lcs(a, b)
  local m, n = #a, #b
  local L = {}
  for i = 0, m do
    L[i] = {}
    for j = 0, n do
      if i == 0 or j == 0 then L[i][j] = 0
      elseif a:sub(i, i) == b:sub(j, j) then L[i][j] = L[i - 1][j - 1] + 1
      else L[i][j] = math.max(L[i - 1][j], L[i][j - 1]) end
    end
  end
  local out, i, j = {}, m, n
  while i > 0 and j > 0 do
    if a:sub(i, i) == b:sub(j, j) then
      table.insert(out, 1, a:sub(i, i)); i = i - 1; j = j - 1
    elseif L[i - 1][j] >= L[i][j - 1] then i = i - 1
    else j = j - 1 end
  end
  return table.concat(out)
end
print(lcs("AGGTAB", "GXTXAYB"), lcs("abc", "def"), lcs("lua", "lua"))
