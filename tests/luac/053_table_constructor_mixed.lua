-- positional, named and bracketed fields in one constructor
local x, y = 1, 2
local t = {
  "a", "b",
  name = "mixed",
  [10] = "ten",
  "c",
  [x + y] = "three",
  ["key with spaces"] = true,
  nested = {1, {2, {3}}},
  x, y,
  [y] = "overridden?",
  f = function(self) return self.name end,
  99,
}
local empty = {}
local only_hash = {a = 1, b = 2, c = 3}
local only_array = {1, 2, 3}
local exprs = {x + y, x * y, -x, not y, #"abc", x < y, x and y}
print(#t, t.name, t[10], t[3], t:f(), #empty, only_hash.b, #only_array, #exprs)
