-- reverse Polish notation evaluator with an operator table
local ops = {
  ["+"] = function(a, b) return a + b end,
  ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end,
  ["/"] = function(a, b) return a / b end,
  ["^"] = function(a, b) return a ^ b end,
  ["%"] = function(a, b) return a % b end,
}
local function rpn(expr)
  local stack = {}
  for token in expr:gmatch("%S+") do
    local op = ops[token]
    if op then
      local b = table.remove(stack)
      local a = table.remove(stack)
      if a == nil or b == nil then return nil, "stack underflow at " .. token end
      stack[#stack + 1] = op(a, b)
    else
      local n = tonumber(token)
      if not n then return nil, "bad token " .. token end
      stack[#stack + 1] = n
    end
  end
  if #stack ~= 1 then return nil, "leftover values" end
  return stack[1]
end
print(rpn("3 4 + 2 *"))
print(rpn("5 1 2 + 4 * + 3 -"))
print(rpn("2 3 ^ 2 %"))
print(rpn("1 +"))
print(rpn("1 x"))
