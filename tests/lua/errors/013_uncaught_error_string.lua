io.write("partial output ")
print("then error")
error("custom failure")
