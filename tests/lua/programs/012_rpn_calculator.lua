local ops = {
  ["+"] = function(a, b) return a + b end, ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end, ["/"] = function(a, b) return a / b end,
  ["^"] = function(a, b) return a ^ b end,
}
local function rpn(expr)
  local stack = {}
  for tok in expr:gmatch("%S+") do
    if ops[tok] then
      local b, a = table.remove(stack), table.remove(stack)
      if a == nil or b == nil then error("stack underflow at '" .. tok .. "'", 0) end
      stack[#stack + 1] = ops[tok](a, b)
    else
      local n = tonumber(tok)
      if not n then error("bad token '" .. tok .. "'", 0) end
      stack[#stack + 1] = n
    end
  end
  if #stack ~= 1 then error("malformed expression", 0) end
  return stack[1]
end
for _, e in ipairs({"3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^", "1 0 /", "10 3 /", "1 +", "1 2", "2 x *"}) do
  print(e, pcall(rpn, e))
end
