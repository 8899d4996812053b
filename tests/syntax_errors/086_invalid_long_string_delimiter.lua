local s = [==x]==]
