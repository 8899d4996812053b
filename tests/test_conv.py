import math

import pytest

from pylua.conv import str2number

# Expected values printed by lua5.1's tonumber for the same strings.
CASES = [
    (b"10", 10.0), (b" 10 ", 10.0), (b"0x1F", 31.0), (b"0x1p4", 16.0), (b"0x1.8", 1.5),
    (b"inf", math.inf), (b"-inf", -math.inf), (b"1e", None), (b"1e5", 1e5), (b".5", 0.5),
    (b"5.", 5.0), (b".", None), (b"", None), (b" ", None), (b"0x", None), (b"1\0", 1.0),
    (b"1 x", None), (b"  -0x10  ", -16.0), (b"infinity", math.inf), (b"INF", math.inf),
    (b"1e400", math.inf), (b"0x1P-2", 0.25), (b"+5", 5.0), (b"++5", None), (b"0x.8", 0.5),
    (b"0xffffffffffffffffff", 4.722366482869645e21), (b"\t12\n", 12.0), (b"1.2.3", None),
    (b"1e+", None), (b"0X1F", 31.0), (b"- 1", None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_str2number(text, expected):
    assert str2number(text) == expected


def test_nan():
    v = str2number(b"nan")
    assert v != v
