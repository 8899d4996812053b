-- '...' in table constructors: all values only in the last position
local function pack(...) return {...} end
local function pack2(...) return {n = select("#", ...), ...} end
local function first(...) return {..., "end"} end
local function both(...) return {"start", ...} end
local function keyed(...) return {x = ..., [1] = ...} end
local t = pack(1, 2, 3)
local u = pack2(nil, nil)
print(#t, u.n, #first(1, 2, 3), #both(1, 2, 3), keyed(5).x)
local all = {...}
print(#all)
