-- constructors holding functions, sub-tables and calls at several depths
local ui = {
  title = "main",
  children = {
    {kind = "button", label = "ok", on_click = function(self) return self.label end},
    {kind = "list", items = {"a", "b", {nested = {deeper = {1, 2, 3}}}}},
    {kind = "dynamic", make = function() return {created = true, n = select("#", 1, 2)} end},
  },
  handlers = {
    resize = function(w, h) return w * h end,
    [1] = function() return "first" end,
  },
  tostring(42),
}
print(ui.children[1]:on_click(), ui.children[2].items[3].nested.deeper[3], ui.children[3].make().n,
  ui.handlers.resize(3, 4), ui.handlers[1](), ui[1])
