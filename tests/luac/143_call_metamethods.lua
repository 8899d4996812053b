-- __call, __concat, __len (userdata only in 5.1), __tostring, __index chains
local Callable = setmetatable({calls = 0}, {
  __call = function(self, a, b)
    self.calls = self.calls + 1
    return a + b
  end,
  __concat = function(a, b)
    local function s(x) return type(x) == "table" and "<callable>" or tostring(x) end
    return s(a) .. s(b)
  end,
  __tostring = function() return "Callable" end,
})
print(Callable(1, 2), Callable(3, 4), Callable.calls)
print(Callable .. "!", "?" .. Callable, tostring(Callable))
local defaults = {color = "red", size = 1}
local mid = setmetatable({size = 2}, {__index = defaults})
local obj = setmetatable({}, {__index = mid})
print(obj.color, obj.size, rawget(obj, "size"))
