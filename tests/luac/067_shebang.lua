#!/usr/bin/lua
-- the first line is skipped by the loader but still counts for line numbers
local x = 1
print(x)
