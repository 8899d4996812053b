-- keywords cannot follow '.', but work as string keys
local t = {["end"] = 1, ["function"] = 2, ["nil"] = 3, ["and"] = 4}
t["if"] = t["end"] + t["function"]
local kw = {"and", "break", "do", "else", "elseif", "end", "false", "for",
  "function", "if", "in", "local", "nil", "not", "or", "repeat", "return",
  "then", "true", "until", "while"}
for _, k in ipairs(kw) do t[k] = (t[k] or 0) + 1 end
print(t["if"], t["while"], #kw)
