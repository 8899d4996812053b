--[==[
line 2
line 3
]==] local function f()
  return 1 +
end
