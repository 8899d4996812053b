-- matrix multiplication, transpose and identity
local function matrix(rows, cols, f)
  local m = {}
  for i = 1, rows do
    m[i] = {}
    for j = 1, cols do m[i][j] = f(i, j) end
  end
  return m
end
local function mul(a, b)
  local n, m, p = #a, #b, #b[1]
  return matrix(n, p, function(i, j)
    local s = 0
    for k = 1, m do s = s + a[i][k] * b[k][j] end
    return s
  end)
end
local function transpose(a)
  return matrix(#a[1], #a, function(i, j) return a[j][i] end)
end
local id = matrix(3, 3, function(i, j) return i == j and 1 or 0 end)
local a = matrix(3, 2, function(i, j) return i + j end)
local r = mul(id, a)
local t = transpose(r)
for i = 1, #t do print(table.concat(t[i], " ")) end
