x = local function f() end
