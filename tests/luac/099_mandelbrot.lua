-- ASCII Mandelbrot set
local chars = " .:-=+*#%@"
for y = -1.2, 1.2, 0.2 do
  local row = {}
  for x = -2.0, 0.6, 0.05 do
    local zr, zi, i = 0, 0, 0
    while i < 30 and zr * zr + zi * zi < 4 do
      zr, zi = zr * zr - zi * zi + x, 2 * zr * zi + y
      i = i + 1
    end
    local idx = math.floor(i / 30 * (#chars - 1)) + 1
    row[#row + 1] = chars:sub(idx, idx)
  end
  print(table.concat(row))
end
