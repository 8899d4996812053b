local a = {}
x = a.[=[
key]=]
