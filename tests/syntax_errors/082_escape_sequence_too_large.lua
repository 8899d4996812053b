local s = "abc\300def"
