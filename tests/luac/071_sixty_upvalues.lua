-- a closure with exactly 60 upvalues, the maximum LUAI_MAXUPVALUES allows
local u0, u1, u2, u3, u4, u5, u6, u7, u8, u9, u10, u11 = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
local u12, u13, u14, u15, u16, u17, u18, u19, u20, u21, u22, u23 = 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23
local u24, u25, u26, u27, u28, u29, u30, u31, u32, u33, u34, u35 = 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35
local u36, u37, u38, u39, u40, u41, u42, u43, u44, u45, u46, u47 = 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47
local u48, u49, u50, u51, u52, u53, u54, u55, u56, u57, u58, u59 = 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59
local function sum()
  return u0 + u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9 + u10 + u11 + u12 + u13 + u14 + u15 + u16 + u17 + u18 + u19 + u20 + u21 + u22 + u23 + u24 + u25 + u26 + u27 + u28 + u29
    + u30 + u31 + u32 + u33 + u34 + u35 + u36 + u37 + u38 + u39 + u40 + u41 + u42 + u43 + u44 + u45 + u46 + u47 + u48 + u49 + u50 + u51 + u52 + u53 + u54 + u55 + u56 + u57 + u58 + u59
end
local function outer()
  return function() return u59, u58, u57, u56, u55, u54, u53, u52, u51, u50, u49, u48, u47, u46, u45, u44, u43, u42, u41, u40, u39, u38, u37, u36, u35, u34, u33, u32, u31, u30, u29, u28, u27, u26, u25, u24, u23, u22, u21, u20, u19, u18, u17, u16, u15, u14, u13, u12, u11, u10, u9, u8, u7, u6, u5, u4, u3, u2, u1, u0 end
end
print(sum(), outer()())
