-- a 40-branch elseif chain: every branch jumps to the common end
local function name_of(n)
  if n == 0 then return "zero"
  elseif n == 1 then return "n1"
  elseif n == 2 then return "n2"
  elseif n == 3 then return "n3"
  elseif n == 4 then return "n4"
  elseif n == 5 then return "n5"
  elseif n == 6 then return "n6"
  elseif n == 7 then return "n7"
  elseif n == 8 then return "n8"
  elseif n == 9 then return "n9"
  elseif n == 10 then return "n10"
  elseif n == 11 then return "n11"
  elseif n == 12 then return "n12"
  elseif n == 13 then return "n13"
  elseif n == 14 then return "n14"
  elseif n == 15 then return "n15"
  elseif n == 16 then return "n16"
  elseif n == 17 then return "n17"
  elseif n == 18 then return "n18"
  elseif n == 19 then return "n19"
  elseif n == 20 then return "n20"
  elseif n == 21 then return "n21"
  elseif n == 22 then return "n22"
  elseif n == 23 then return "n23"
  elseif n == 24 then return "n24"
  elseif n == 25 then return "n25"
  elseif n == 26 then return "n26"
  elseif n == 27 then return "n27"
  elseif n == 28 then return "n28"
  elseif n == 29 then return "n29"
  elseif n == 30 then return "n30"
  elseif n == 31 then return "n31"
  elseif n == 32 then return "n32"
  elseif n == 33 then return "n33"
  elseif n == 34 then return "n34"
  elseif n == 35 then return "n35"
  elseif n == 36 then return "n36"
  elseif n == 37 then return "n37"
  elseif n == 38 then return "n38"
  elseif n == 39 then return "n39"
  else return "many" end
end
local function bucket(x)
  local r
  if x < 0 then r = -1
  elseif x < 5 then r = 1
  elseif x < 10 then r = 2
  elseif x < 15 then r = 3
  elseif x < 20 then r = 4
  elseif x < 25 then r = 5
  elseif x < 30 then r = 6
  elseif x < 35 then r = 7
  elseif x < 40 then r = 8
  elseif x < 45 then r = 9
  elseif x < 50 then r = 10
  elseif x < 55 then r = 11
  elseif x < 60 then r = 12
  elseif x < 65 then r = 13
  elseif x < 70 then r = 14
  elseif x < 75 then r = 15
  elseif x < 80 then r = 16
  elseif x < 85 then r = 17
  elseif x < 90 then r = 18
  elseif x < 95 then r = 19
  end
  return r
end
print(name_of(0), name_of(17), name_of(99), bucket(-3), bucket(42), bucket(1000))
