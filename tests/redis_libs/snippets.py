"""Snippets for tests/test_redis_msgpack.py: each returns a string (a hex
dump of what cmsgpack.pack/struct.pack make, a dump of what unpack gives,
or an error message caught by pcall), run by pylua and by redis-server
7.0.15 (EVAL snippet 0).  The expected replies are in expected.json."""

# H(s): hex of a string; D(v): a value with its type (tables in pairs order);
# E(f, ...): the error message of f(...), or "ok"
PRELUDE = r"""
local function H(s) return (string.gsub(s, '.', function(c) return string.format('%02x', string.byte(c)) end)) end
local D
D = function(v)
  local t = type(v)
  if t == 'number' then return string.format('%.17g', v)
  elseif t == 'string' then return string.format('%q', v)
  elseif t == 'table' then
    local o = {}
    for k, x in pairs(v) do o[#o + 1] = D(k) .. '=' .. D(x) end
    return '{' .. table.concat(o, ',') .. '}'
  else return tostring(v) end
end
local function E(f, ...) local ok, e = pcall(f, ...) if ok then return 'ok' end return tostring(e) end
local function ALL(...) local o = {} for i = 1, select('#', ...) do o[i] = D((select(i, ...))) end return select('#', ...) .. ':' .. table.concat(o, ' ') end
"""

CMSGPACK = [
    ("pack-fixints", "return H(cmsgpack.pack(0, 1, 127, 128, 255, 256, 65535, 65536))"),
    ("pack-bigints", "return H(cmsgpack.pack(2^32-1, 2^32, 2^53, 2^62, 2^63-1024))"),
    ("pack-negints", "return H(cmsgpack.pack(-1, -32, -33, -128, -129, -32768, -32769))"),
    ("pack-negbig", "return H(cmsgpack.pack(-2^31, -2^31-1, -2^53, -2^63))"),
    ("pack-float32", "return H(cmsgpack.pack(0.5, -0.5, 1.25, 2^63, 2^64, -2^64, 1e30))"),
    ("pack-float64", "return H(cmsgpack.pack(0.1, -0.1, 1e300, -1e-300, 3.5e38, 2^64+2^40))"),
    (
        "pack-float-edge",
        "return H(cmsgpack.pack(3.4028234663852886e38, 1.401298464324817e-45, 1e-46, 2^-149))",
    ),
    ("pack-inf-nan", "return H(cmsgpack.pack(1/0, -1/0, 0/0, -(0/0)))"),
    ("pack-negzero", "return H(cmsgpack.pack(-0.0, 0.0, -(0)))"),
    ("pack-strings", "return H(cmsgpack.pack('', 'a', 'ab\\0c'))"),
    (
        "pack-str-31-32",
        "return H(cmsgpack.pack(string.rep('x', 31))) .. ' ' .. H(cmsgpack.pack(string.rep('y', 32)))",
    ),
    (
        "pack-str-255-256",
        "return H(cmsgpack.pack(string.rep('x', 255)):sub(1, 3)) .. ' ' .. H(cmsgpack.pack(string.rep('y', 256)):sub(1, 4))",
    ),
    (
        "pack-str-65536",
        "local s = cmsgpack.pack(string.rep('z', 65535)) local t = cmsgpack.pack(string.rep('z', 65536)) return H(s:sub(1, 4)) .. ' ' .. #s .. ' ' .. H(t:sub(1, 6)) .. ' ' .. #t",
    ),
    ("pack-bool-nil", "return H(cmsgpack.pack(true, false, nil))"),
    (
        "pack-others-nil",
        "return H(cmsgpack.pack(tostring, coroutine.create(function() end), function() end))",
    ),
    ("pack-numeric-string", "return H(cmsgpack.pack('10', 10))"),
    ("pack-empty-table", "return H(cmsgpack.pack({}))"),
    ("pack-array", "return H(cmsgpack.pack({1, 2, 3, 'x', true}))"),
    ("pack-array-16", "local t = {} for i = 1, 16 do t[i] = i end return H(cmsgpack.pack(t))"),
    ("pack-array-15", "local t = {} for i = 1, 15 do t[i] = i end return H(cmsgpack.pack(t))"),
    (
        "pack-array-65536",
        "local t = {} for i = 1, 65536 do t[i] = 0 end local s = cmsgpack.pack(t) return H(s:sub(1, 6)) .. ' ' .. #s",
    ),
    ("pack-holes-map", "return H(cmsgpack.pack({[1] = 'a', [3] = 'c'}))"),
    ("pack-zero-key", "return H(cmsgpack.pack({[0] = 'z', [1] = 'a'}))"),
    ("pack-float-key", "return H(cmsgpack.pack({[1.5] = 1}))"),
    (
        "pack-big-key",
        "return H(cmsgpack.pack({[2^31] = 1})) .. ' ' .. H(cmsgpack.pack({[2^31-1] = 1}))",
    ),
    ("pack-negative-key", "return H(cmsgpack.pack({[-1] = 1}))"),
    ("pack-string-keys", "return H(cmsgpack.pack({a = 1, b = 2, c = 3}))"),
    ("pack-mixed", "return H(cmsgpack.pack({1, 2, x = 'y'}))"),
    ("pack-array-then-hash", "local t = {1, 2, 3} t.k = nil t[4] = 4 return H(cmsgpack.pack(t))"),
    ("pack-sparse-filled", "local t = {} t[3] = 3 t[2] = 2 t[1] = 1 return H(cmsgpack.pack(t))"),
    (
        "pack-map-16",
        "local t = {} for i = 1, 16 do t['k' .. i] = i end local s = cmsgpack.pack(t) return H(s:sub(1, 3)) .. ' ' .. #s",
    ),
    (
        "pack-map-order",
        "local t = {} for i = 1, 20 do t['key' .. i] = i end return H(cmsgpack.pack(t))",
    ),
    ("pack-bool-keys", "return H(cmsgpack.pack({[true] = 1, [false] = 0}))"),
    ("pack-table-key", "return H(cmsgpack.pack({[{1}] = {2}}))"),
    ("pack-nested", "return H(cmsgpack.pack({1, {2, {3, {a = {}}}}}))"),
    (
        "pack-depth-16",
        "local t = {} local c = t for i = 1, 20 do c[1] = {} c = c[1] end return H(cmsgpack.pack(t))",
    ),
    (
        "pack-depth-map",
        "local t = {} local c = t for i = 1, 18 do c.k = {} c = c.k end return H(cmsgpack.pack(t))",
    ),
    ("pack-cycle", "local t = {} t[1] = t return H(cmsgpack.pack(t))"),
    ("pack-cycle-map", "local t = {} t.self = t return H(cmsgpack.pack(t))"),
    ("pack-multi", "return H(cmsgpack.pack(1, 'a', {}, {x = 1}))"),
    ("pack-no-args", "return E(cmsgpack.pack)"),
    ("pack-no-args-called", "return E(function() return cmsgpack.pack() end)"),
    (
        "pack-4001-args",
        "local t = {} for i = 1, 4001 do t[i] = i end return E(function() return cmsgpack.pack(unpack(t)) end)",
    ),
    (
        "pack-4000-args",
        "local t = {} for i = 1, 4000 do t[i] = 1 end return #cmsgpack.pack(unpack(t)) .. ''",
    ),
    (
        "pack-4000-tables",
        "local t = {} for i = 1, 4000 do t[i] = {} end return E(function() return cmsgpack.pack(unpack(t)) end)",
    ),
    (
        "pack-metatable-ignored",
        "local t = setmetatable({}, {__index = function() return 1 end, __len = function() return 5 end}) t[1] = 'a' return H(cmsgpack.pack(t))",
    ),
    (
        "unpack-ints",
        "return ALL(cmsgpack.unpack(cmsgpack.pack(0, 127, 128, 255, 256, 65535, 65536, 2^32, -1, -32, -33, -129, -32769, -2^31-1, -2^53)))",
    ),
    ("unpack-floats", "return ALL(cmsgpack.unpack(cmsgpack.pack(0.5, 0.1, 1e300, 1/0, -1/0)))"),
    ("unpack-nan", "local v = cmsgpack.unpack(cmsgpack.pack(0/0)) return tostring(v ~= v)"),
    (
        "unpack-strings",
        "return ALL(cmsgpack.unpack(cmsgpack.pack('', 'abc', string.rep('q', 40), 'a\\0b')))",
    ),
    ("unpack-bool-nil", "return ALL(cmsgpack.unpack(cmsgpack.pack(true, false, nil, 1)))"),
    ("unpack-table", "return ALL(cmsgpack.unpack(cmsgpack.pack({1, 2, {3, 4}, {a = 'b'}})))"),
    (
        "unpack-map-order",
        "local t = {} for i = 1, 20 do t['key' .. i] = i end return ALL(cmsgpack.unpack(cmsgpack.pack(t)))",
    ),
    ("unpack-empty", "return ALL(cmsgpack.unpack(''))"),
    (
        "unpack-raw-bytes",
        "return ALL(cmsgpack.unpack('\\204\\200\\208\\128\\205\\1\\0\\209\\255\\0\\206\\0\\1\\0\\0\\210\\255\\255\\255\\255'))",
    ),
    (
        "unpack-uint64",
        "return ALL(cmsgpack.unpack('\\207\\0\\0\\0\\1\\0\\0\\0\\0\\207\\255\\255\\255\\255\\255\\255\\255\\255\\207\\128\\0\\0\\0\\0\\0\\0\\0'))",
    ),
    (
        "unpack-int64",
        "return ALL(cmsgpack.unpack('\\211\\255\\255\\255\\255\\255\\255\\255\\254\\211\\0\\32\\0\\0\\0\\0\\0\\1'))",
    ),
    (
        "unpack-float32",
        "return ALL(cmsgpack.unpack('\\202\\63\\192\\0\\0\\202\\127\\128\\0\\0\\202\\0\\0\\0\\1'))",
    ),
    (
        "unpack-str8-16-32",
        "return ALL(cmsgpack.unpack('\\217\\2ab\\218\\0\\3abc\\219\\0\\0\\0\\1z'))",
    ),
    (
        "unpack-array16-map16",
        "return ALL(cmsgpack.unpack('\\220\\0\\2\\1\\2\\222\\0\\1\\161k\\161v\\221\\0\\0\\0\\0\\223\\0\\0\\0\\0'))",
    ),
    ("unpack-array-nils", "return ALL(cmsgpack.unpack('\\148\\192\\192\\3\\192'))"),
    ("unpack-map-nil-value", "return ALL(cmsgpack.unpack('\\130\\1\\192\\2\\3'))"),
    ("unpack-map-dup-keys", "return ALL(cmsgpack.unpack('\\130\\1\\2\\1\\3'))"),
    (
        "unpack-map-table-key",
        "local t = cmsgpack.unpack('\\129\\145\\1\\2') local k, v = next(t) return D(k) .. D(v)",
    ),
    ("unpack-map-nil-key", "return E(cmsgpack.unpack, '\\129\\192\\1')"),
    (
        "unpack-map-nan-key",
        "return E(cmsgpack.unpack, '\\129\\203\\255\\248\\0\\0\\0\\0\\0\\0\\1')",
    ),
    ("unpack-missing", "return E(cmsgpack.unpack, '\\205\\1')"),
    ("unpack-missing-called", "return E(function() return cmsgpack.unpack('\\146\\1') end)"),
    (
        "unpack-missing-str",
        "return E(cmsgpack.unpack, '\\165abc') .. '|' .. E(cmsgpack.unpack, '\\217') .. '|' .. E(cmsgpack.unpack, '\\219\\0\\0\\0\\9ab')",
    ),
    (
        "unpack-badfmt",
        "return E(cmsgpack.unpack, '\\193') .. '|' .. E(function() return cmsgpack.unpack('\\1\\193') end)",
    ),
    (
        "unpack-bin-ext",
        "local o = {} for _, b in ipairs({196, 197, 198, 199, 200, 201, 212, 213, 214, 215, 216}) do o[#o + 1] = E(cmsgpack.unpack, string.char(b, 1, 0, 0, 0, 0)) end return table.concat(o, '|')",
    ),
    (
        "unpack-not-string",
        "return E(cmsgpack.unpack) .. '|' .. E(cmsgpack.unpack, {}) .. '|' .. ALL(cmsgpack.unpack(5))",
    ),
    ("unpack-7999", "return select('#', cmsgpack.unpack(string.rep('\\1', 7999))) .. ''"),
    ("unpack-8000", "return E(function() return cmsgpack.unpack(string.rep('\\1', 8000)) end)"),
    (
        "unpack-8000-extra-arg",
        "return E(function() return cmsgpack.unpack(string.rep('\\1', 7999), 'x') end)",
    ),
    (
        "unpack-deep-arrays",
        "local s = string.rep('\\145', 3998) .. '\\1' return type(cmsgpack.unpack(s))",
    ),
    (
        "unpack-too-deep-arrays",
        "local s = string.rep('\\145', 4000) .. '\\1' return E(function() return cmsgpack.unpack(s) end)",
    ),
    (
        "unpack-deep-empty-array",
        "local s = string.rep('\\145', 3999) .. '\\144' return E(function() return cmsgpack.unpack(s) end)",
    ),
    (
        "unpack-too-deep-maps",
        "local s = string.rep('\\129', 8000) .. '\\1' return E(function() return cmsgpack.unpack(s) end)",
    ),
    (
        "unpack-one",
        "local s = cmsgpack.pack(1, 'two', {3}) return ALL(cmsgpack.unpack_one(s)) .. ' ' .. ALL(cmsgpack.unpack_one(s, 1)) .. ' ' .. ALL(cmsgpack.unpack_one(s, 5))",
    ),
    (
        "unpack-one-end",
        "return ALL(cmsgpack.unpack_one(cmsgpack.pack(1), 1)) .. ' ' .. ALL(cmsgpack.unpack_one(''))",
    ),
    (
        "unpack-one-errors",
        "local s = cmsgpack.pack(1, 2) return E(cmsgpack.unpack_one, s, 3) .. '|' .. E(cmsgpack.unpack_one, s, -1) .. '|' .. E(cmsgpack.unpack_one, s, 2^32+5) .. '|' .. E(cmsgpack.unpack_one, s, 'x')",
    ),
    (
        "unpack-one-order",
        "return E(cmsgpack.unpack_one, nil, 'x') .. '|' .. E(cmsgpack.unpack_one)",
    ),
    (
        "unpack-limit",
        "local s = cmsgpack.pack(1, 2, 3, 4) return ALL(cmsgpack.unpack_limit(s, 2)) .. ' ' .. ALL(cmsgpack.unpack_limit(s, 2, 2)) .. ' ' .. ALL(cmsgpack.unpack_limit(s, 10, 1))",
    ),
    (
        "unpack-limit-zero",
        "local s = cmsgpack.pack(1, 2) return ALL(cmsgpack.unpack_limit(s, 0)) .. ' ' .. ALL(cmsgpack.unpack_limit(s, 0, 1)) .. ' ' .. ALL(cmsgpack.unpack_limit(s, 1.9))",
    ),
    (
        "unpack-limit-errors",
        "local s = cmsgpack.pack(1, 2) return E(cmsgpack.unpack_limit, s) .. '|' .. E(cmsgpack.unpack_limit, s, -1) .. '|' .. E(cmsgpack.unpack_limit, s, 1, 9) .. '|' .. E(cmsgpack.unpack_limit, s, 'a')",
    ),
    (
        "unpack-limit-stack",
        "local s = string.rep('\\1', 8000) return E(function() return cmsgpack.unpack_limit(s, 7999) end) .. '|' .. select('#', cmsgpack.unpack_limit(s, 7998))",
    ),
    ("unpack-limit-bad", "return E(function() return cmsgpack.unpack_limit('\\1\\193', 5) end)"),
    (
        "nan-payloads",
        "return H(cmsgpack.pack(cmsgpack.unpack('\\202\\127\\128\\0\\1'), cmsgpack.unpack('\\202\\255\\192\\0\\1'),"
        " struct.unpack('<f', '\\1\\0\\128\\127'), cmsgpack.unpack('\\203\\127\\240\\0\\0\\0\\0\\0\\1')))"
        " .. ' ' .. H(struct.pack('>fd', cmsgpack.unpack('\\203\\127\\240\\0\\0\\0\\0\\0\\1'), 0/0))",
    ),
    (
        "meta",
        "return cmsgpack._NAME .. '|' .. cmsgpack._VERSION .. '|' .. cmsgpack._COPYRIGHT .. '|' .. cmsgpack._DESCRIPTION",
    ),
    (
        "roundtrip",
        "local t = {1, 'a', {x = {1, 2}, y = false}, 1.5, -7} return H(cmsgpack.pack(cmsgpack.unpack(cmsgpack.pack(t))))",
    ),
]

STRUCT = [
    ("pack-ints", "return H(struct.pack('bBhHlLiIT', -1, 255, -2, 65535, -3, 4, -5, 6, 7))"),
    ("pack-endian", "return H(struct.pack('>hi<hi', 1, 2, 3, 4))"),
    ("pack-big-int-sizes", "return H(struct.pack('>i3<i3>I5i1I16', -2, -2, 2^40-1, 300, -1))"),
    ("pack-i0", "return H(struct.pack('i0b', 5, 1))"),
    ("pack-wrap", "return H(struct.pack('>bHlL', 300, 70000, 2^63, -1))"),
    ("pack-out-of-range", "return H(struct.pack('>LLlL', 0/0, 2^64, -2^64, 1e30))"),
    ("pack-fractions", "return H(struct.pack('>bbii', 1.9, -1.9, 2.5, -2.5))"),
    ("pack-float-double", "return H(struct.pack('<fd>fd', 1.5, 0.1, 1.5, 0.1))"),
    ("pack-float-edge", "return H(struct.pack('>ffff', 1e40, -1e40, 0/0, 0.1))"),
    ("pack-strings", "return H(struct.pack('sc3c0', 'ab', 'xyz123', 'rest'))"),
    (
        "pack-string-short",
        "return E(struct.pack, 'c5', 'abc') .. '|' .. E(struct.pack, 'bc5', 1, 'abc')",
    ),
    ("pack-x-align", "return H(struct.pack('!4bxi!2bd', 1, 2, 3, 4))"),
    ("pack-align-8", "return H(struct.pack('!bdbhbibl', 1, 2, 3, 4, 5, 6, 7, 8))"),
    ("pack-align-odd", "return H(struct.pack('!8bi3bi5', 1, 2, 3, 4))"),
    ("pack-align-error", "return E(struct.pack, '!3b', 1) .. '|' .. E(struct.pack, '!0b', 1)"),
    (
        "pack-invalid",
        "return E(struct.pack, 'z') .. '|' .. E(struct.pack, 'b5', 1) .. '|' .. E(function() return struct.pack('q') end)",
    ),
    ("pack-size-limit", "return E(struct.pack, 'i33', 1) .. '|' .. H(struct.pack('i32', -1))"),
    (
        "pack-getnum-overflow",
        "return E(function() return struct.pack('i99999999999', 1) end) .. '|' .. E(struct.pack, 'c2147483647', 'a') .. '|' .. E(struct.pack, 'c2147483648', 'a')",
    ),
    ("pack-nul-format", "return H(struct.pack('b\\0b', 1, 2))"),
    ("pack-spaces", "return H(struct.pack(' > h < h ', 1, 1))"),
    (
        "pack-bad-args",
        "return E(struct.pack, 'b') .. '|' .. E(struct.pack, 'b', 'x') .. '|' .. H(struct.pack('b', '12')) .. '|' .. E(struct.pack, 's', {}) .. '|' .. E(struct.pack)",
    ),
    (
        "pack-missing-is-nil",
        "return E(struct.pack, 'c0bb', string.rep('x', 9000), 1) .. '|' .. E(struct.pack, 'bs', 1) .. '|' .. E(struct.pack, 'bbd', 1, 2)",
    ),
    (
        "unpack-ints",
        "return ALL(struct.unpack('bBhHlLiI', struct.pack('bBhHlLiI', -1, 255, -2, 65535, -3, 4, -5, 6)))",
    ),
    ("unpack-big", "return ALL(struct.unpack('>LlI16i16', string.rep('\\255', 48)))"),
    ("unpack-big-le", "return ALL(struct.unpack('<i9I9i12', string.rep('\\128', 30)))"),
    (
        "unpack-uint64",
        "return ALL(struct.unpack('>L', '\\255\\255\\255\\255\\255\\255\\255\\255'))",
    ),
    ("unpack-i0", "return ALL(struct.unpack('i0I0', ''))"),
    ("unpack-floats", "return ALL(struct.unpack('<fd>f', struct.pack('<fd>f', 0.1, 0.1, -2.5)))"),
    (
        "unpack-strings",
        "return ALL(struct.unpack('sc1c0', 'hello\\0003xyz')) .. ' ' .. E(struct.unpack, 'sc2c0', 'hello\\0ab3xyz')",
    ),
    ("unpack-c0-numeric-string", "return ALL(struct.unpack('c1c0', '2xy'))"),
    (
        "unpack-c0-errors",
        "return E(struct.unpack, 'c0', 'abc') .. '|' .. E(struct.unpack, 'c1c0', 'abc') .. '|' .. E(struct.unpack, 'bc0', '\\5ab')",
    ),
    ("unpack-s-unfinished", "return E(struct.unpack, 's', 'abc')"),
    (
        "unpack-offset",
        "return ALL(struct.unpack('b', '\\1\\2\\3', 2)) .. ' ' .. ALL(struct.unpack('bb', '\\1\\2\\3', 2)) .. ' ' .. ALL(struct.unpack('', 'abc', 10))",
    ),
    (
        "unpack-offset-errors",
        "return E(struct.unpack, 'b', 'ab', 0) .. '|' .. E(struct.unpack, 'b', 'ab', 3) .. '|' .. E(struct.unpack, 'b', 'ab', -1) .. '|' .. E(struct.unpack, 'b', 'ab', 0.5)",
    ),
    ("unpack-negative-offset-empty", "return ALL(struct.unpack('', 'abc', -5))"),
    (
        "unpack-align",
        "return ALL(struct.unpack('!4bi!8bd', struct.pack('!4bi!8bd', 1, 2, 3, 4.5)))",
    ),
    (
        "unpack-short",
        "return E(struct.unpack, 'i', 'abc') .. '|' .. E(struct.unpack, 'd', '') .. '|' .. E(struct.unpack, 'c9', 'abc')",
    ),
    ("unpack-x", "return ALL(struct.unpack('xbxb', '\\1\\2\\3\\4'))"),
    (
        "unpack-many",
        "return select('#', struct.unpack(string.rep('b', 7995), string.rep('\\1', 7995))) .. ' ' .. E(struct.unpack, string.rep('b', 7996), string.rep('\\1', 7996))"
        " .. ' ' .. E(struct.unpack, string.rep('b', 7998), string.rep('\\1', 7998))",
    ),
    (
        "unpack-invalid",
        "return E(struct.unpack, 'bz', '\\1\\2') .. '|' .. E(struct.unpack, 'b', {})",
    ),
    (
        "size",
        "return ALL(struct.size('bhilfdT'), struct.size('!bhilfd'), struct.size('i3i5'), struct.size('!8bi3'), struct.size(''))",
    ),
    ("size-quirks", "return ALL(struct.size('zqa9'), struct.size('c10'), struct.size('xx!2x'))"),
    (
        "size-errors",
        "return E(struct.size, 's') .. '|' .. E(struct.size, 'c0') .. '|' .. E(struct.size, '#') .. '|' .. E(struct.size, '!6') .. '|' .. E(struct.size, 'i40')",
    ),
    (
        "registered",
        "local t = {} for k in pairs(struct) do t[#t + 1] = k end table.sort(t) return table.concat(t, ',')",
    ),
]

BIT = [
    (
        "tobit",
        "return ALL(bit.tobit(0), bit.tobit(1), bit.tobit(-1), bit.tobit(2^31), bit.tobit(2^32), bit.tobit(2^32 + 5), bit.tobit(-2^31 - 1))",
    ),
    (
        "tobit-rounding",
        "return ALL(bit.tobit(0.5), bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-0.5), bit.tobit(-1.5), bit.tobit(0.49999999999999994), bit.tobit(2^31 + 0.5))",
    ),
    (
        "tobit-huge",
        "return ALL(bit.tobit(2^52), bit.tobit(2^52 + 1), bit.tobit(2^53 + 2), bit.tobit(2^60 + 2^40 + 7 * 2^8), bit.tobit(1e20), bit.tobit(-1e20), bit.tobit(2^51 + 0.5))",
    ),
    (
        "tobit-special",
        "return ALL(bit.tobit(1/0), bit.tobit(-1/0), bit.tobit(0/0), bit.tobit(-(0/0)), bit.tobit(-0.0))",
    ),
    (
        "tobit-strings",
        "return ALL(bit.tobit('10'), bit.tobit(' 0x10 '), bit.tobit('1e3'), bit.tobit('-7'))",
    ),
    (
        "tobit-errors",
        "return E(bit.tobit) .. '|' .. E(bit.tobit, 'x') .. '|' .. E(bit.tobit, nil) .. '|' .. E(bit.tobit, {}) .. '|' .. E(function() return bit.tobit(true) end)",
    ),
    (
        "tohex",
        "return ALL(bit.tohex(0), bit.tohex(1), bit.tohex(-1), bit.tohex(0x12345678), bit.tohex(2^32 + 255), bit.tohex(-0x80000000))",
    ),
    (
        "tohex-width",
        "return ALL(bit.tohex(0x1234abcd, 4), bit.tohex(0x1234abcd, -4), bit.tohex(0x1234abcd, 0), bit.tohex(0x1234abcd, 12), bit.tohex(0x1234abcd, -12), bit.tohex(255, 1), bit.tohex(255, 2.5))",
    ),
    (
        "tohex-errors",
        "return E(bit.tohex, 1, nil) .. '|' .. E(bit.tohex, 1, 'z') .. '|' .. E(bit.tohex)",
    ),
    ("bnot", "return ALL(bit.bnot(0), bit.bnot(-1), bit.bnot(0x12345678), bit.bnot(2^32))"),
    (
        "band-bor-bxor",
        "return ALL(bit.band(0xff0f, 0x0fff), bit.bor(0xf0, 0x0f, 0x100), bit.bxor(0xff, 0x0f, 0xf0f0), bit.band(-1, 2^32 - 1), bit.bor(1)) .. ' ' .. E(bit.band)",
    ),
    (
        "band-many",
        "return ALL(bit.band(-1, -2, -4, -8, -16, 0x7fffffff), bit.bxor(1, 2, 4, 8, 16, 32, 64, 128))",
    ),
    (
        "band-error-order",
        "return E(bit.band, 1, nil, 'x') .. '|' .. E(bit.bor, 'a', nil) .. '|' .. E(bit.bxor, 1, {}, 2)",
    ),
    ("band-zero-strings", "return ALL(bit.band('0', 1), bit.bor('0x0', 0))"),
    (
        "lshift",
        "return ALL(bit.lshift(1, 0), bit.lshift(1, 31), bit.lshift(1, 32), bit.lshift(1, 33), bit.lshift(1, -1), bit.lshift(0x12345678, 4), bit.lshift(3, 30.5))",
    ),
    (
        "rshift",
        "return ALL(bit.rshift(-1, 0), bit.rshift(-1, 1), bit.rshift(-1, 31), bit.rshift(-1, 32), bit.rshift(0x80000000, 4), bit.rshift(256, -28))",
    ),
    (
        "arshift",
        "return ALL(bit.arshift(-1, 1), bit.arshift(-256, 4), bit.arshift(0x80000000, 31), bit.arshift(0x7fffffff, 30), bit.arshift(-8, 34), bit.arshift(-8, -1))",
    ),
    (
        "rol-ror",
        "return ALL(bit.rol(0x12345678, 4), bit.rol(0x12345678, 0), bit.rol(0x12345678, 36), bit.ror(0x12345678, 4), bit.ror(0x12345678, 32), bit.ror(1, 1), bit.rol(-1, 7))",
    ),
    (
        "bswap",
        "return ALL(bit.bswap(0x12345678), bit.bswap(0x000000ff), bit.bswap(-1), bit.bswap(0x80))",
    ),
    (
        "shift-errors",
        "return E(bit.lshift, 1) .. '|' .. E(bit.rol, 'x', 1) .. '|' .. E(bit.ror, 1, {})",
    ),
    (
        "combo",
        "local x = 0 for i = 1, 40 do x = bit.bxor(bit.rol(x, 5), i * 2654435761) end return bit.tohex(x) .. ' ' .. x",
    ),
    (
        "registered",
        "local t = {} for k in pairs(bit) do t[#t + 1] = k end table.sort(t) return table.concat(t, ',')",
    ),
]


def all_snippets() -> list[tuple[str, str]]:
    out = []
    for lib, items in (("cmsgpack", CMSGPACK), ("struct", STRUCT), ("bit", BIT)):
        for name, lua in items:
            out.append((f"{lib}/{name}", lua))
    return out
