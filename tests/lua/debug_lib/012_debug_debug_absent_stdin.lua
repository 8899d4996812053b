-- debug.debug reads commands from stdin (here /dev/null) and returns at EOF
print(type(debug.debug))
io.stdout:flush()
debug.debug()
print("after debug.debug")
