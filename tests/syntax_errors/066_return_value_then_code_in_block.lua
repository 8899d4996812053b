function f()
  return 1
  local y = 2
end
