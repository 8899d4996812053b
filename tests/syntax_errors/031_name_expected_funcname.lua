function a.b.(x) end
