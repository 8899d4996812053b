while x do x = nil until x
