-- a recursive descent parser and evaluator for arithmetic expressions
local function tokenize(s)
  local tokens, i = {}, 1
  while i <= #s do
    local c = s:sub(i, i)
    if c:match("%s") then
      i = i + 1
    elseif c:match("%d") then
      local num = s:match("^%d+%.?%d*", i)
      tokens[#tokens + 1] = {kind = "num", value = tonumber(num)}
      i = i + #num
    else
      tokens[#tokens + 1] = {kind = c}
      i = i + 1
    end
  end
  tokens[#tokens + 1] = {kind = "eof"}
  return tokens
end
local function parse(s)
  local tokens, pos = tokenize(s), 1
  local function peek() return tokens[pos].kind end
  local function take() pos = pos + 1 return tokens[pos - 1] end
  local expr
  local function atom()
    if peek() == "(" then
      take()
      local v = expr()
      assert(take().kind == ")", "expected )")
      return v
    elseif peek() == "-" then
      take()
      return -atom()
    end
    return take().value
  end
  local function power()
    local base = atom()
    if peek() == "^" then take() return base ^ power() end
    return base
  end
  local function term()
    local v = power()
    while peek() == "*" or peek() == "/" do
      if take().kind == "*" then v = v * power() else v = v / power() end
    end
    return v
  end
  function expr()
    local v = term()
    while peek() == "+" or peek() == "-" do
      if take().kind == "+" then v = v + term() else v = v - term() end
    end
    return v
  end
  return expr()
end
print(parse("1 + 2 * 3"), parse("(1 + 2) * 3"), parse("2 ^ 3 ^ 2"), parse("-2 ^ 2"), parse("10 / 4 - 1"))
