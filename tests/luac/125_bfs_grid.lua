-- breadth-first search through a maze given as strings
local maze = {
  "S.#.....",
  ".##.###.",
  "....#...",
  ".##...#E",
}
local H, W = #maze, #maze[1]
local function at(r, c) return maze[r]:sub(c, c) end
local sr, sc, er, ec
for r = 1, H do
  for c = 1, W do
    local ch = at(r, c)
    if ch == "S" then sr, sc = r, c elseif ch == "E" then er, ec = r, c end
  end
end
local dist = {[sr * 100 + sc] = 0}
local queue, head = {{sr, sc}}, 1
while head <= #queue do
  local r, c = queue[head][1], queue[head][2]
  head = head + 1
  for _, d in ipairs({{1, 0}, {-1, 0}, {0, 1}, {0, -1}}) do
    local nr, nc = r + d[1], c + d[2]
    if nr >= 1 and nr <= H and nc >= 1 and nc <= W and at(nr, nc) ~= "#"
      and not dist[nr * 100 + nc] then
      dist[nr * 100 + nc] = dist[r * 100 + c] + 1
      queue[#queue + 1] = {nr, nc}
    end
  end
end
print("shortest path length", dist[er * 100 + ec])
