local f = string.format
print(f("%d", 1e15), f("%d", -1e15), f("%.0f", 1e20))
print(f("%g", 1e15), f("%g", 123456), f("%g", 1234567), f("%g", 0.0001234))
print(f("%f", 1/0), f("%f", -1/0), f("%5.1f", 1/0))
print(f("%e", 1e300), f("%g", 1e-300), f("%g", 5e-324))
print(f("%x", 3.7), f("%X", 2^32 - 1), f("%o", 511))
print(f("%d", 0/0) ~= nil)
print(f("%.3f", 2^0.5), f("%.10f", math.pi))
print(f("%i", 7), f("%5i|", -7))
