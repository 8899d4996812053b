-- luaL_loadfile: the '#' first line, binary chunks after it, files that
-- cannot be read; the same loader serves loadfile, dofile and require
local name = os.tmpname()
local function write(s)
  local fh = assert(io.open(name, "wb"))
  fh:write(s)
  fh:close()
end
local function tmp(s) return (tostring(s):gsub(name:gsub("%p", "%%%0"), "TMP")) end

-- line numbers after a skipped first line are the file's own
write("#!/usr/bin/env lua5.1\nlocal x = ...\n\nerror('line 4: ' .. tostring(x))\n")
print(tmp(select(2, pcall(assert(loadfile(name)), "arg"))))
-- a first line that is all there is, with or without its newline
write("# only a comment")
print(select("#", assert(loadfile(name))()))
write("#\n")
print(select("#", dofile(name)))
-- '#' only counts in the first column of the first line
write("\n#!/bin/lua\nreturn 1\n")
print(tmp(select(2, loadfile(name))))
-- a syntax error after the first line: line numbers still right
write("#!lua\nlocal a =\n= 2\n")
print(tmp(select(2, loadfile(name))))
-- a binary chunk after a '#' line loads (the file is read from its first ESC)
local dumped = string.dump(function(...) return "from binary", select("#", ...) end)
write("#!/usr/bin/lua5.1\n" .. dumped)
print(assert(loadfile(name))(1, 2))
write(dumped)
print(dofile(name))
-- ... even when that ESC is in the '#' line itself
write("#\27 in the first line\n" .. dumped)
print(tmp(select(2, loadfile(name))))
-- text after a '#' line that starts with ESC but is no chunk
write("#!\n\27 not a chunk")
print(tmp(select(2, loadfile(name))))
-- require uses the same loader
local dir = name .. "_"
package.path = dir .. "?.lua"
local fh = assert(io.open(dir .. "shebangmod.lua", "wb"))
fh:write("#!/usr/bin/lua\nreturn { line = debug.getinfo(1, 'l').currentline, name = ... }\n")
fh:close()
local m = require("shebangmod")
print(m.line, m.name)
local fh2 = assert(io.open(dir .. "badmod.lua", "wb"))
fh2:write("#!/usr/bin/lua\n\nreturn +\n")
fh2:close()
print(tmp(select(2, pcall(require, "badmod"))))
os.remove(dir .. "shebangmod.lua")
os.remove(dir .. "badmod.lua")
os.remove(name)
-- files that cannot be opened or read
print(loadfile("no_such_file.lua"))
print(loadfile("."))
print(pcall(dofile, "."))
print(loadfile("no_such_file.lua\0ignored"))
