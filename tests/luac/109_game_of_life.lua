-- Conway's game of life on a small torus
local W, H = 8, 6
local function new_grid() local g = {} for y = 1, H do g[y] = {} for x = 1, W do g[y][x] = false end end return g end
local grid = new_grid()
grid[2][3], grid[3][4], grid[4][2], grid[4][3], grid[4][4] = true, true, true, true, true
local function neighbours(g, x, y)
  local n = 0
  for dy = -1, 1 do
    for dx = -1, 1 do
      if not (dx == 0 and dy == 0) then
        local yy, xx = (y + dy - 1) % H + 1, (x + dx - 1) % W + 1
        if g[yy][xx] then n = n + 1 end
      end
    end
  end
  return n
end
local function step(g)
  local nxt = new_grid()
  for y = 1, H do
    for x = 1, W do
      local n = neighbours(g, x, y)
      nxt[y][x] = n == 3 or (g[y][x] and n == 2)
    end
  end
  return nxt
end
for gen = 1, 4 do grid = step(grid) end
for y = 1, H do
  local row = {}
  for x = 1, W do row[x] = grid[y][x] and "#" or "." end
  print(table.concat(row))
end
