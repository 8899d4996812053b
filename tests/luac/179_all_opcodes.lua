-- one small program that uses each of the 38 opcodes at least once
local a, b = 1, 2                       -- LOADK
local c = a                             -- MOVE
local d = a < b                         -- LT, JMP, LOADBOOL
local e                                 -- LOADNIL (not at function start)
local n1, n2
g = a                                   -- SETGLOBAL
local h = g                             -- GETGLOBAL
local t = {1, 2, 3, k = "v"}            -- NEWTABLE, SETLIST, SETTABLE
local v = t.k                           -- GETTABLE
local m = t:concat()                    -- SELF, CALL
local r = a + b - c * a / b % a ^ b     -- ADD SUB MUL DIV MOD POW
local u = -a                            -- UNM
local no = not a                        -- NOT
local len = #t                          -- LEN
local cat = v .. v                      -- CONCAT
if a == b then c = 0 end                -- EQ
if a <= b then c = 1 end                -- LE
local x = a and b                       -- TESTSET
if a then c = 2 end                     -- TEST
local function up()                     -- CLOSURE
  a = a + 1                             -- GETUPVAL, SETUPVAL
  return a
end
for i = 1, 2 do c = c + i end           -- FORPREP, FORLOOP
for k2, v2 in pairs(t) do c = k2 end    -- TFORLOOP
while true do
  local captured = c
  t.f = function() return captured end
  break                                 -- CLOSE
end
local function va(...) return ... end   -- VARARG, RETURN
local function tc() return up() end     -- TAILCALL
print(d, e, n1, n2, h, m, r, u, no, len, cat, x, va(1), tc())
