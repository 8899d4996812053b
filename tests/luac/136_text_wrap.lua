-- greedy word wrap to a column width
local function wrap(text, width)
  local lines, line = {}, ""
  for word in text:gmatch("%S+") do
    if #line == 0 then
      line = word
    elseif #line + 1 + #word <= width then
      line = line .. " " .. word
    else
      lines[#lines + 1] = line
      line = word
    end
  end
  if #line > 0 then lines[#lines + 1] = line end
  return lines
end
local text = "Lua is a powerful, efficient, lightweight, embeddable scripting language. " ..
  "It supports procedural programming, object-oriented programming, functional programming."
for i, l in ipairs(wrap(text, 30)) do print(string.format("%2d %-30s|", i, l)) end
