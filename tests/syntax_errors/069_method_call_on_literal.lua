local s = "abc":upper()
