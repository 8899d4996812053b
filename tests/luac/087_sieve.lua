-- sieve of Eratosthenes
local function sieve(limit)
  local is_prime = {}
  for i = 2, limit do is_prime[i] = true end
  for i = 2, math.floor(math.sqrt(limit)) do
    if is_prime[i] then
      for j = i * i, limit, i do
        is_prime[j] = false
      end
    end
  end
  local primes = {}
  for i = 2, limit do
    if is_prime[i] then primes[#primes + 1] = i end
  end
  return primes
end
local p = sieve(100)
print(#p, p[#p], table.concat(p, ","))
