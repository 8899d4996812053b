local function matrix(rows, cols, f)
  local m = {}
  for i = 1, rows do m[i] = {} for j = 1, cols do m[i][j] = f(i, j) end end
  return m
end
local function mul(a, b)
  local n, p, q = #a, #b, #b[1]
  return matrix(n, q, function(i, j)
    local s = 0
    for k = 1, p do s = s + a[i][k] * b[k][j] end
    return s
  end)
end
local function show(m) for _, row in ipairs(m) do print(table.concat(row, "\t")) end end
local a = matrix(2, 3, function(i, j) return i + j end)
local b = matrix(3, 2, function(i, j) return i * j end)
show(mul(a, b))
local id = matrix(3, 3, function(i, j) return i == j and 1 or 0 end)
show(mul(b, matrix(2, 2, function(i, j) return i == j and 1 or 0 end)))
local function transpose(m) return matrix(#m[1], #m, function(i, j) return m[j][i] end) end
show(transpose(a))
local function det3(m)
  return m[1][1] * (m[2][2] * m[3][3] - m[2][3] * m[3][2])
       - m[1][2] * (m[2][1] * m[3][3] - m[2][3] * m[3][1])
       + m[1][3] * (m[2][1] * m[3][2] - m[2][2] * m[3][1])
end
print(det3(id), det3({{2, 0, 1}, {1, 3, 2}, {1, 1, 1}}))
