local function sum(n) if n == 0 then return 0 end return n + sum(n - 1) end
print(sum(10000))
local function build(n) if n == 0 then return {} end return {next = build(n - 1)} end
local list = build(5000)
local len = 0
while list.next do len = len + 1; list = list.next end
print(len)
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
print(ack(2, 300))
