-- dofile() with no argument reads stdin (here /dev/null: an empty chunk)
print(select("#", dofile()))
print(type(loadfile()))
