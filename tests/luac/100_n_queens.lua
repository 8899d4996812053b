-- count solutions of the n-queens problem by backtracking
local function queens(n)
  local cols, d1, d2 = {}, {}, {}
  local count = 0
  local function place(row)
    if row > n then
      count = count + 1
      return
    end
    for c = 1, n do
      if not cols[c] and not d1[row + c] and not d2[row - c + n] then
        cols[c], d1[row + c], d2[row - c + n] = true, true, true
        place(row + 1)
        cols[c], d1[row + c], d2[row - c + n] = nil, nil, nil
      end
    end
  end
  place(1)
  return count
end
for n = 1, 8 do print(n, queens(n)) end
