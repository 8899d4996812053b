-- SELF for method calls, on locals, globals, fields, calls and strings
local Account = {}
Account.__index = Account
function Account.new(balance)
  return setmetatable({balance = balance or 0}, Account)
end
function Account:deposit(v) self.balance = self.balance + v end
function Account:withdraw(v)
  if v > self.balance then error("insufficient funds") end
  self.balance = self.balance - v
end
function Account:report() return ("balance: %d"):format(self.balance) end
local acc = Account.new(100)
acc:deposit(50)
acc:withdraw(30)
print(acc:report())
print(("x"):rep(3), ("%s-%s"):format("a", "b"))
local s = "hello"
print(s:upper(), s:sub(2, 3):upper(), s:len())
globalobj:method(1, 2)
a.b.c:d(e):f(g):h()
local key = "deposit"
acc[key](acc, 10)
print(Account.new(5):report())
