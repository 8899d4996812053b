local function step(grid, h, w)
  local new = {}
  for y = 1, h do
    new[y] = {}
    for x = 1, w do
      local n = 0
      for dy = -1, 1 do for dx = -1, 1 do
        if not (dx == 0 and dy == 0) then
          local yy, xx = (y + dy - 1) % h + 1, (x + dx - 1) % w + 1
          n = n + grid[yy][xx]
        end
      end end
      new[y][x] = (n == 3 or (n == 2 and grid[y][x] == 1)) and 1 or 0
    end
  end
  return new
end
local function show(g)
  for _, row in ipairs(g) do
    local s = {}
    for i, c in ipairs(row) do s[i] = c == 1 and "#" or "." end
    print(table.concat(s))
  end
end
local h, w = 6, 6
local g = {}
for y = 1, h do g[y] = {} for x = 1, w do g[y][x] = 0 end end
g[1][2], g[2][3], g[3][1], g[3][2], g[3][3] = 1, 1, 1, 1, 1
for gen = 0, 4 do
  print("gen " .. gen)
  show(g)
  g = step(g, h, w)
end
