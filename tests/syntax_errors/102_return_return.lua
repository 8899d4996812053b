function f()
  return return
end
