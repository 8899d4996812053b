-- tonumber(s, base) on long digit strings: strtoul takes every digit, a
-- value past ULONG_MAX is ULONG_MAX, leading zeros are nothing
for _, b in ipairs{2, 8, 10, 16, 36, 11, 35} do
  for _, s in ipairs{"0", "1", "z", "Z", "10", "ff", "FF", "-ff", "  12  ", "0x1f", "0X", "0x", "12z", "9", "a", "-0", "+7", "- 7", "1e", "",
     ("1"):rep(64), ("1"):rep(65), ("0"):rep(100) .. "1", ("f"):rep(16), ("f"):rep(17), "18446744073709551615", "18446744073709551616", "-18446744073709551615", "-" .. ("z"):rep(20), "7fffffffffffffff", "\0" .. "1", "1\0" } do
    io.write(tostring(tonumber(s, b)), " ")
  end
  print()
end
print(tonumber(("z"):rep(3e5), 36), tonumber(("0"):rep(3e5) .. "11", 2), tonumber(("1"):rep(3e5) .. "2", 2))
