-- every numeral form the 5.1 lexer accepts (glibc strtod does hex floats)
local n = {
  0, 1, 42, 007, 3.0, 3., .5, 0.5, 1e3, 1E3, 1e-3, 1e+3, 2.5e2, .5e1, 3.e2,
  0x1F, 0XfF, 0x0, 0xA, 0x7fffffff, 0xffffffff, 0x100000000,
  0x1p4, 0x1P3, 0xep1, 0x1e, 0xabcdef,
  123456789012345678, 1e308, 4.9e-324, 1e-400, 1e400,
  0.1, 0.25, 1/3, 100, 1e2, 100.0,
}
local h = 0x1e+5      -- hex 0x1e plus 5
local neg = -0x10
local big = 9007199254740993
print(#n, h, neg, big)
