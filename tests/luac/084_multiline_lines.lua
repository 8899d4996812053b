-- instructions spanning several lines: which line each one gets
local x =
  1
  +
  2
local t = {
  1,
  2,
  key =
    "value",
}
print(
  x,
  t[1]
)
local s = "a" ..
  "b" ..
  "c"
local y = f(
)
;(print)(
  "called"
)
local z = x
  and
  y
  or
  t
g
=
x
local function m(
  a,
  b
)
  return
    a
    +
    b
end
t
:method
"arg"
print(s, y, z, m(1, 2))
