-- template substitution with gsub and a lookup function
local function render(template, vars)
  return (template:gsub("%${(%w+)}", function(name)
    local v = vars[name]
    if v == nil then return "${" .. name .. "}" end
    return tostring(v)
  end))
end
local tpl = "Dear ${name}, you owe ${amount} coins since ${date}. ${missing}"
print(render(tpl, {name = "Bob", amount = 12.5, date = "Monday"}))
local count = select(2, tpl:gsub("%$", "%%"))
print(count)
