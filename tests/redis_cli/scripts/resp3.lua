redis.setresp(3)
return {{map = {x = {1, 2}}}, {set = {'a'}}, {double = 0.1}, {double = 3}, true, false,
        {map = {}}, {set = {}}, redis.call('HGETALL', KEYS[1])}
