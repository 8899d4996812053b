-- CSV line parser handling quoted fields and doubled quotes
local function parse_csv_line(line, sep)
  sep = sep or ","
  local fields, pos = {}, 1
  while true do
    if line:sub(pos, pos) == '"' then
      local value, i = "", pos + 1
      while true do
        local c = line:sub(i, i)
        if c == "" then error("unterminated quote") end
        if c == '"' then
          if line:sub(i + 1, i + 1) == '"' then
            value = value .. '"'
            i = i + 2
          else
            i = i + 1
            break
          end
        else
          value = value .. c
          i = i + 1
        end
      end
      fields[#fields + 1] = value
      pos = i
    else
      local e = line:find(sep, pos, true) or #line + 1
      fields[#fields + 1] = line:sub(pos, e - 1)
      pos = e
    end
    if line:sub(pos, pos) ~= sep then break end
    pos = pos + 1
  end
  return fields
end
local f = parse_csv_line('name,"quoted, with comma","say ""hi""",,last')
for i, v in ipairs(f) do print(i, "[" .. v .. "]") end
