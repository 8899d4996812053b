-- SETUPVAL from several nesting levels, and upvalues of upvalues
local total, calls = 0, 0
local function level1(x)
  calls = calls + 1
  local function level2(y)
    calls = calls + 1
    local function level3(z)
      calls = calls + 1
      total = total + x + y + z
      x, y = y, z
      return total
    end
    return level3(y + 1), x
  end
  return level2(x * 2)
end
print(level1(1), level1(10), total, calls)
local a, b = 1, 2
local function swap() a, b = b, a end
swap()
print(a, b)
