-- determinant by Gaussian elimination with partial pivoting
local function det(m)
  local n = #m
  local a = {}
  for i = 1, n do a[i] = {unpack(m[i])} end
  local d = 1
  for col = 1, n do
    local pivot = col
    for r = col + 1, n do
      if math.abs(a[r][col]) > math.abs(a[pivot][col]) then pivot = r end
    end
    if a[pivot][col] == 0 then return 0 end
    if pivot ~= col then a[pivot], a[col] = a[col], a[pivot]; d = -d end
    d = d * a[col][col]
    for r = col + 1, n do
      local f = a[r][col] / a[col][col]
      for c = col, n do a[r][c] = a[r][c] - f * a[col][c] end
    end
  end
  return d
end
print(det({{1, 2}, {3, 4}}), det({{2, 0, 1}, {1, 3, 2}, {1, 1, 1}}), det({{1, 2}, {2, 4}}))
