-- a recursive-descent parser for arithmetic with precedence and parentheses
local function parse(src)
  local pos = 1
  local function peek() return src:match("^%s*(%S)", pos) end
  local function take(pat)
    local s, e, cap = src:find("^%s*(" .. pat .. ")", pos)
    if s then pos = e + 1; return cap end
  end
  local expr
  local function atom()
    local n = take("%d+%.?%d*")
    if n then return tonumber(n) end
    if take("%(") then
      local v = expr()
      if not take("%)") then error("expected ')' at " .. pos, 0) end
      return v
    end
    if take("%-") then return -atom() end
    error("unexpected '" .. tostring(peek()) .. "' at " .. pos, 0)
  end
  local function power()
    local b = atom()
    if take("%^") then return b ^ power() end
    return b
  end
  local function term()
    local v = power()
    while true do
      local op = take("[%*/%%]")
      if not op then return v end
      local r = power()
      if op == "*" then v = v * r elseif op == "/" then v = v / r else v = v % r end
    end
  end
  function expr()
    local v = term()
    while true do
      local op = take("[%+%-]")
      if not op then return v end
      local r = term()
      if op == "+" then v = v + r else v = v - r end
    end
  end
  local v = expr()
  if peek() then error("trailing input at " .. pos, 0) end
  return v
end
for _, e in ipairs({"1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "-2 ^ 2", "10 / 4 - 1",
                    "7 % 3 + 0.5", "((4))", "1 +", "2 * (3 + 4", "3 4"}) do
  print(e, pcall(parse, e))
end
