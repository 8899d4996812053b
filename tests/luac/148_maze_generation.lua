-- recursive-backtracker maze generation with a seeded LCG
local W, H = 6, 4
local seed = 7
local function rand(n)
  seed = (seed * 16807) % 2147483647
  return seed % n + 1
end
local visited, walls = {}, {}
local function key(x, y) return y * 100 + x end
local function carve(x, y)
  visited[key(x, y)] = true
  local dirs = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}}
  for i = #dirs, 2, -1 do
    local j = rand(i)
    dirs[i], dirs[j] = dirs[j], dirs[i]
  end
  for _, d in ipairs(dirs) do
    local nx, ny = x + d[1], y + d[2]
    if nx >= 1 and nx <= W and ny >= 1 and ny <= H and not visited[key(nx, ny)] then
      walls[key(x, y) .. ":" .. key(nx, ny)] = false
      walls[key(nx, ny) .. ":" .. key(x, y)] = false
      carve(nx, ny)
    end
  end
end
carve(1, 1)
for y = 1, H do
  local row = {}
  for x = 1, W do
    local open_right = walls[key(x, y) .. ":" .. key(x + 1, y)] == false
    local open_down = walls[key(x, y) .. ":" .. key(x, y + 1)] == false
    row[#row + 1] = (open_down and " " or "_") .. (open_right and "." or "|")
  end
  print(table.concat(row))
end
