-- map, filter, reduce, compose, curry over varargs
local function map(f, t) local r = {} for i, v in ipairs(t) do r[i] = f(v) end return r end
local function filter(p, t) local r = {} for _, v in ipairs(t) do if p(v) then r[#r + 1] = v end end return r end
local function reduce(f, acc, t) for _, v in ipairs(t) do acc = f(acc, v) end return acc end
local function compose(...)
  local fns = {...}
  return function(...)
    local res = {...}
    for i = #fns, 1, -1 do res = {fns[i](unpack(res))} end
    return unpack(res)
  end
end
local function curry(f, n)
  n = n or 2
  local function collect(args, count)
    return function(x)
      local a = {unpack(args, 1, count)}
      a[count + 1] = x
      if count + 1 >= n then return f(unpack(a, 1, n)) end
      return collect(a, count + 1)
    end
  end
  return collect({}, 0)
end
local nums = {1, 2, 3, 4, 5, 6}
local squares = map(function(x) return x * x end, nums)
local evens = filter(function(x) return x % 2 == 0 end, squares)
local sum = reduce(function(a, b) return a + b end, 0, evens)
local inc_then_double = compose(function(x) return x * 2 end, function(x) return x + 1 end)
local add3 = curry(function(a, b, c) return a + b + c end, 3)
print(table.concat(squares, " "), table.concat(evens, " "), sum, inc_then_double(4), add3(1)(2)(3))
