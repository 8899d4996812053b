local function show()
  local out = {}
  for level = 1, 5 do
    local info = debug.getinfo(level, "Sn")
    if not info then break end
    out[#out + 1] = tostring(info.name) .. "/" .. info.what
  end
  return table.concat(out, " ")
end
local function tail() return show() end
local function nontail() local r = show(); return r end
print(tail())
print(nontail())
print(debug.traceback("tb", 1):gsub("\n", " | "))
local function tailtb() return debug.traceback("tail") end
print(tailtb())
local function b() print(debug.traceback("x")) return 1 end
local function a() return b() end
a()
local function c() return a() end
print(c())
