local Builder = {}
Builder.__index = Builder
function Builder.new() return setmetatable({parts = {}, n = 0}, Builder) end
function Builder:add(...)
  for i = 1, select("#", ...) do
    self.n = self.n + 1
    self.parts[self.n] = tostring((select(i, ...)))
  end
  return self
end
function Builder:line(fmt, ...) return self:add(string.format(fmt, ...), "\n") end
function Builder:build() return table.concat(self.parts) end
local b = Builder.new()
b:line("%-10s|%6s|%8s", "item", "qty", "price")
b:line("%s", string.rep("-", 26))
local items = {{"apple", 3, 0.5}, {"bread", 1, 2.25}, {"cheese", 2, 7.8}}
local total = 0
for _, it in ipairs(items) do
  b:line("%-10s|%6d|%8.2f", it[1], it[2], it[2] * it[3])
  total = total + it[2] * it[3]
end
b:line("%-10s|%6s|%8.2f", "total", "", total)
io.write(b:build())
print(b.n, #b:build())
local html = Builder.new():add("<ul>")
for i = 1, 3 do html:add("<li>", i, "</li>") end
print(html:add("</ul>"):build())
