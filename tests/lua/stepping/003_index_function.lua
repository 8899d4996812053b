local squares = setmetatable({}, {__index = function(t, k)
  local v = k * k
  rawset(t, k, v)
  return v
end})
print(squares[3], squares[4], squares[3])
print(rawget(squares, 5), squares[5], rawget(squares, 5))
