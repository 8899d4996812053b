io.stderr:write("this goes to stderr\n")
print("stdout continues")
io.stderr:write("second stderr line\n")
