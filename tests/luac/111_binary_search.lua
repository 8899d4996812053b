-- binary search returning the insertion point when absent
local function bsearch(a, x)
  local lo, hi = 1, #a
  while lo <= hi do
    local mid = math.floor((lo + hi) / 2)
    local v = a[mid]
    if v == x then return mid, true
    elseif v < x then lo = mid + 1
    else hi = mid - 1 end
  end
  return lo, false
end
local sorted = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29}
for _, x in ipairs({2, 4, 29, 30, 1, 13}) do print(x, bsearch(sorted, x)) end
