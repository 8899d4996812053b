package.preload["mymod"] = function(name)
  print("loading", name)
  local M = {}
  function M.hello() return "hello from mymod" end
  return M
end
local m = require("mymod")
print(m.hello())
local m2 = require("mymod")
print(m == m2, package.loaded["mymod"] == m)
package.preload["noreturn"] = function() end
print(require("noreturn"), package.loaded["noreturn"])
package.preload["setsloaded"] = function(name) package.loaded[name] = "custom value" end
print(require("setsloaded"))
print(require("string") == string, package.loaded.math == math, package.loaded._G == _G)
local ok, err = pcall(require, "surely_not_a_module_xyz")
print(ok, (err:match("^module 'surely_not_a_module_xyz' not found:")))
print(type(package.path), type(package.cpath), type(package.loaders), #package.loaders)
