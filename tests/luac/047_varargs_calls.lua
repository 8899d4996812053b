-- '...' passed on to calls, in the middle and at the end of argument lists
local function show(...) print(select("#", ...), ...) end
local function pass(...) show(...) end
local function prefix(...) show("first", ...) end
local function middle(...) show(..., "last") end
local function twice(...) show(..., ...) end
local function nested(...) show(select(2, ...)) end
local function method(obj, ...) return obj:m(...) end
pass(1, 2, 3)
prefix()
middle(1, 2)
twice("a", "b")
nested(1, 2, 3)
local a, b = ...
print(a, b, ...)
