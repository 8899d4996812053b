local function a()
  local function b()
    return 1
  end

local z = 3
