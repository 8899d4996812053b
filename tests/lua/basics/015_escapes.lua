local s = "\65\066\0672"
print(s, #s)
print(("\a\b\f\n\r\t\v\\\"\'"):byte(1, -1))
print("x\
y")
print(#"\0", ("\0"):byte())
print("\255" == string.char(255), #"\255\254")
print(("\9"):byte(), ("\09"):byte(), ("\009"):byte(), ("\0099"):byte(1, -1))
print('single "double" inside', "double 'single' inside")
print("\q" == "q", "\x41")
