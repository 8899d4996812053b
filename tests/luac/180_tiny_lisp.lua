-- a tiny Lisp: reader, environment chain and evaluator with closures
local function tokenize(src)
  local tokens = {}
  for tok in src:gsub("%(", " ( "):gsub("%)", " ) "):gmatch("%S+") do tokens[#tokens + 1] = tok end
  return tokens
end
local function read(tokens, pos)
  local tok = tokens[pos]
  if tok == "(" then
    local list = {}
    pos = pos + 1
    while tokens[pos] ~= ")" do
      local item
      item, pos = read(tokens, pos)
      list[#list + 1] = item
    end
    return list, pos + 1
  end
  return tonumber(tok) or tok, pos + 1
end
local Env = {}
Env.__index = Env
local function env(outer) return setmetatable({vars = {}, outer = outer}, Env) end
function Env:find(name)
  local e = self
  while e do
    if e.vars[name] ~= nil then return e end
    e = e.outer
  end
  error("unbound symbol " .. name)
end
local eval
local special = {
  quote = function(x) return x[2] end,
  ["if"] = function(x, e) if eval(x[2], e) then return eval(x[3], e) end return eval(x[4], e) end,
  define = function(x, e) e.vars[x[2]] = eval(x[3], e) end,
  lambda = function(x, e)
    local params, body = x[2], x[3]
    return function(...)
      local inner = env(e)
      for i, p in ipairs(params) do inner.vars[p] = select(i, ...) end
      return eval(body, inner)
    end
  end,
}
function eval(x, e)
  if type(x) == "string" then return e:find(x).vars[x] end
  if type(x) ~= "table" then return x end
  local form = special[x[1]]
  if form then return form(x, e) end
  local f = eval(x[1], e)
  local args = {}
  for i = 2, #x do args[#args + 1] = eval(x[i], e) end
  return f(unpack(args))
end
local global = env()
global.vars["+"] = function(a, b) return a + b end
global.vars["-"] = function(a, b) return a - b end
global.vars["*"] = function(a, b) return a * b end
global.vars["<"] = function(a, b) return a < b end
local function run(src) return eval((read(tokenize(src), 1)), global) end
run("(define fact (lambda (n) (if (< n 2) 1 (* n (fact (- n 1))))))")
run("(define twice (lambda (f) (lambda (x) (f (f x)))))")
print(run("(fact 10)"), run("((twice (lambda (x) (* x 3))) 7)"))
