-- accounts as closures: private state without tables
local function account(owner, balance)
  local history = {}
  local function record(kind, amount)
    history[#history + 1] = kind .. ":" .. amount
  end
  local self = {}
  function self.deposit(amount)
    balance = balance + amount
    record("in", amount)
  end
  function self.withdraw(amount)
    if amount > balance then return false, "insufficient" end
    balance = balance - amount
    record("out", amount)
    return true
  end
  function self.statement()
    return owner .. " " .. balance .. " [" .. table.concat(history, ",") .. "]"
  end
  return self
end
local a = account("ann", 10)
a.deposit(5)
print(a.withdraw(100))
print(a.withdraw(7))
print(a.statement())
