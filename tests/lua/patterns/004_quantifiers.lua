local s = "<a><b><c>"
print(s:match("<.*>"), s:match("<.->"), s:match("<.+>"))
print(("aaa"):match("a-"), ("aaa"):match("a-$"), ("aaa"):match("a*"), ("aaa"):match("a+"))
print(("ab"):match("a?b"), ("b"):match("a?b"), ("aab"):match("a?b"))
print(("abc"):match("x*"), ("abc"):match("^x*$"))
print(("  x"):match("^%s*()"), ("123"):match("^%d+$"), ("12a"):match("^%d+$"))
print(("-12.5e3"):match("^[+-]?%d+%.?%d*[eE]?[+-]?%d*$"))
print(("aaab"):match("a-b"), ("xaaab"):match("a-b"))
print(("abc"):match(".-b"), ("abcabc"):match(".*b"), ("abcabc"):match(".-b"))
