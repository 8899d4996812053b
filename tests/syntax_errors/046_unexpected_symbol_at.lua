@decorator
function f() end
