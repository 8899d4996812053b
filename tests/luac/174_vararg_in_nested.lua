-- each function has its own '...'; an inner function must declare it
local function outer(...)
  local outer_args = {...}
  local function inner(...)
    return select("#", ...), #outer_args
  end
  local function capture()
    return outer_args[1]
  end
  return inner("a", "b"), capture(), ...
end
print(outer(1, 2, 3))
local function count_args(...) return select("#", ...) end
print(count_args(outer()))
