function f x end
