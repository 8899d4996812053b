local function parse_line(line)
  local fields, pos = {}, 1
  while true do
    if line:sub(pos, pos) == '"' then
      local value, i = "", pos + 1
      while true do
        local s, e = line:find('"', i, true)
        if not s then error("unterminated quote", 0) end
        value = value .. line:sub(i, s - 1)
        if line:sub(e + 1, e + 1) == '"' then value = value .. '"'; i = e + 2
        else pos = e + 1; break end
      end
      fields[#fields + 1] = value
      if line:sub(pos, pos) == "," then pos = pos + 1 else break end
    else
      local s = line:find(",", pos, true)
      if s then fields[#fields + 1] = line:sub(pos, s - 1); pos = s + 1
      else fields[#fields + 1] = line:sub(pos); break end
    end
  end
  return fields
end
local data = 'name,age,quote\nalice,30,"hello, world"\nbob,,"say ""hi"""\n"multi word",7,plain'
local rows = {}
for line in data:gmatch("[^\n]+") do rows[#rows + 1] = parse_line(line) end
for i, r in ipairs(rows) do print(i, #r, table.concat(r, " | ")) end
print(pcall(parse_line, '"broken'))
local header = rows[1]
local records = {}
for i = 2, #rows do
  local rec = {}
  for j, h in ipairs(header) do rec[h] = rows[i][j] end
  records[#records + 1] = rec
end
print(records[2].quote, records[3].name, records[1].age + 0)
