-- upvalues threaded through several levels of nesting
local a = 1
local function l1()
  local b = 2
  return function()
    local c = 3
    return function()
      local d = 4
      return function()
        local e = 5
        return function()
          a = a + 1
          return a + b + c + d + e
        end
      end
    end
  end
end
local f = l1()()()()
print(f(), f())
local function outer()
  local x = 0
  local function mid()
    local function inner()
      x = x + 1
      return function() return x end
    end
    return inner
  end
  return mid
end
print(outer()()()())
