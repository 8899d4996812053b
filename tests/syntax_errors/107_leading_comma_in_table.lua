local t = {,}
