local Counter = setmetatable({count = 0}, {
  __call = function(self, step)
    self.count = self.count + (step or 1)
    return self.count
  end,
})
print(Counter(), Counter(5), Counter())
local ok, v = pcall(Counter, 10)
print(ok, v)
