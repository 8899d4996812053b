-- a module table with private helpers and a public interface
local M = {}
local PREFIX = "[log] "
local entries = {}
local function format_entry(level, msg) return PREFIX .. level:upper() .. ": " .. msg end
function M.log(level, fmt, ...)
  local msg = select("#", ...) > 0 and fmt:format(...) or fmt
  entries[#entries + 1] = format_entry(level, msg)
end
function M.info(...) return M.log("info", ...) end
function M.warn(...) return M.log("warn", ...) end
function M.dump() return table.concat(entries, "\n") end
M.info("started %s", "now")
M.warn("disk %d%% full", 91)
M.info("plain message")
print(M.dump())
return M
