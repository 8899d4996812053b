local s = [==[ text ]=] more ]] text
