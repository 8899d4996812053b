local function varcount(...) return select("#", ...) end
print(varcount(), varcount(nil), varcount(nil, nil, nil))
print(select(2, select(2, 1, 2, 3)))
print(select(-2, "a", "b", "c"))
print(pcall(select, 1.5, "a", "b"))
