io.write("before exit\n")
io.stdout:flush()
os.exit(3)
print("never printed")
