local function inner(t)
  return t.missing.field
end
local function outer()
  local r = inner({})
  return r
end
print("before")
outer()
print("never")
