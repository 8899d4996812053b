local machine = {
  state = "idle",
  transitions = {
    idle = {start = "running"},
    running = {pause = "paused", stop = "stopped", tick = "running"},
    paused = {resume = "running", stop = "stopped"},
    stopped = {},
  },
  history = {},
}
function machine:fire(event)
  local nxt = self.transitions[self.state][event]
  if not nxt then
    error(string.format("invalid event '%s' in state '%s'", event, self.state), 2)
  end
  self.history[#self.history + 1] = self.state .. "-" .. event .. "->" .. nxt
  self.state = nxt
  return nxt
end
for _, ev in ipairs({"start", "tick", "pause", "resume", "stop"}) do io.write(machine:fire(ev), " ") end
print()
print(pcall(machine.fire, machine, "start"))
print(#machine.history)
print(table.concat(machine.history, "; "))
