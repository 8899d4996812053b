#!/usr/bin/lua
local x = = 2
