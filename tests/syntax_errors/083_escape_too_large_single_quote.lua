local s = 'x\256'
