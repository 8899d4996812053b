-- Pascal's triangle, each row built from the previous one
local row = {1}
for n = 1, 10 do
  print(string.rep(" ", 10 - n) .. table.concat(row, " "))
  local nxt = {1}
  for i = 2, #row do nxt[i] = row[i - 1] + row[i] end
  nxt[#row + 1] = 1
  row = nxt
end
