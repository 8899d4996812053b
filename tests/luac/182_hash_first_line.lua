# a first line starting with # is skipped, shebang or not
local ok = true
print(ok)
