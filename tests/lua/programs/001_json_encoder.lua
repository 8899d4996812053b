local json = {}
local escapes = {['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t"}
local function escape_str(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end
local function is_array(t)
  local n = 0
  for k in pairs(t) do
    if type(k) ~= "number" or k <= 0 or k % 1 ~= 0 then return false end
    n = n + 1
  end
  return n == #t
end
function json.encode(v, indent, level)
  level = level or 0
  local t = type(v)
  if t == "nil" then return "null"
  elseif t == "boolean" then return tostring(v)
  elseif t == "number" then
    if v ~= v or v == math.huge or v == -math.huge then error("cannot encode " .. tostring(v)) end
    if v % 1 == 0 and math.abs(v) < 1e15 then return string.format("%d", v) end
    return string.format("%.14g", v)
  elseif t == "string" then return escape_str(v)
  elseif t == "table" then
    local parts = {}
    if is_array(v) then
      for _, item in ipairs(v) do parts[#parts + 1] = json.encode(item, indent, level + 1) end
      return "[" .. table.concat(parts, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do
      if type(k) ~= "string" then error("non-string key: " .. tostring(k)) end
      keys[#keys + 1] = k
    end
    table.sort(keys)
    for _, k in ipairs(keys) do parts[#parts + 1] = escape_str(k) .. ":" .. json.encode(v[k], indent, level + 1) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  error("cannot encode type " .. t)
end
print(json.encode({1, 2, 3}))
print(json.encode({name = "Lua", version = 5.1, tags = {"fast", "small"}, nested = {ok = true, none = false}}))
print(json.encode("quote\" backslash\\ newline\n tab\t ctrl\1"))
print(json.encode({}), json.encode({{}, {{}}}), json.encode(-0.5), json.encode(1e20))
print(pcall(json.encode, {[1] = 1, [3] = 3}))
print(pcall(json.encode, 0 / 0))
print(pcall(json.encode, {f = print}))
print(json.encode({a = {b = {c = {d = {1, "two", {three = 3}}}}}}))
