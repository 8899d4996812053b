local function m.f() end
