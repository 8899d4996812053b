-- a table-driven state machine for a turnstile
local transitions = {
  locked = {coin = "unlocked", push = "locked"},
  unlocked = {coin = "unlocked", push = "locked"},
}
local actions = {
  locked = {coin = function(s) s.coins = s.coins + 1 end},
  unlocked = {push = function(s) s.passes = s.passes + 1 end},
}
local machine = {state = "locked", coins = 0, passes = 0}
for _, event in ipairs({"push", "coin", "push", "coin", "coin", "push", "push"}) do
  local act = actions[machine.state][event]
  if act then act(machine) end
  machine.state = transitions[machine.state][event]
  io.write(event, "->", machine.state, " ")
end
print()
print(machine.coins, machine.passes)
