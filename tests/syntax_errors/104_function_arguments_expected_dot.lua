a.b:c.d()
