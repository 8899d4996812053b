local MyError = {}
MyError.__index = MyError
MyError.__tostring = function(e) return "MyError: " .. e.msg end
local function throw(msg) error(setmetatable({msg = msg, code = 42}, MyError)) end
local ok, e = pcall(throw, "bad thing")
print(ok, getmetatable(e) == MyError, e.msg, e.code, tostring(e))
local function try(f, catch) local ok, err = pcall(f); if not ok then return catch(err) end return err end
print(try(function() throw("x") end, function(err) return "caught " .. err.msg end))
print(try(function() return "no error" end, function() return "unused" end))
print(try(function() error("plain") end, function(err) return "caught string: " .. err end))
local ok2, e2 = pcall(error, e)
print(e2 == e)
