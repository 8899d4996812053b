-- validate a 9x9 sudoku grid: rows, columns and boxes
local grid = {
  "534678912", "672195348", "198342567", "859761423", "426853791",
  "713924856", "961537284", "287419635", "345286179",
}
local function valid(g)
  for i = 1, 9 do
    local row, col, box = {}, {}, {}
    for j = 1, 9 do
      local r = g[i]:sub(j, j)
      local c = g[j]:sub(i, i)
      local br = 3 * math.floor((i - 1) / 3) + math.floor((j - 1) / 3) + 1
      local bc = 3 * ((i - 1) % 3) + (j - 1) % 3 + 1
      local b = g[br]:sub(bc, bc)
      if row[r] or col[c] or box[b] then return false, i, j end
      row[r], col[c], box[b] = true, true, true
    end
  end
  return true
end
print(valid(grid))
grid[1] = "534678921"
print(valid(grid))
