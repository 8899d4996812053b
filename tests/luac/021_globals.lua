-- GETGLOBAL / SETGLOBAL, including names that are also constants
count = 0
function increment()
  count = count + 1
  return count
end
increment()
increment()
total = count * 2
print = print
name, value = "n", "v"
_G.explicit = true
x = y
y = x
config = {debug = false}
config.debug = not config.debug
print(count, total, name, value, explicit, config.debug)
