do
  local a = 1
  do
    local b = 2
  end
