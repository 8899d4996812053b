package.preload["geometry"] = function(...)
  module(..., package.seeall)
  function area(w, h) return w * h end
  function describe() return _NAME .. " in " .. type(_M) .. ", pkg " .. tostring(_PACKAGE) end
  local hidden = 1
end
local g = require("geometry")
print(g.area(3, 4), g.describe())
print(geometry == g, g._NAME, g._M == g)
print(area)
package.preload["a.b.c"] = function(...) module(...) x = 1 end
require("a.b.c")
print(a.b.c.x, a.b.c._NAME, a.b.c._PACKAGE)
