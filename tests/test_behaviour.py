"""Differential behaviour tests: pylua against what lua5.1 printed.

For every tests/lua/<area>/NNN_name.lua, runs ``python -m pylua NNN_name.lua``
the way the reference was run (tests/behaviour_harness.py) and compares stdout
bytes, exit code and the first line of stderr with NNN_name.lua.expected.
"""

import behaviour_harness as bh
import pytest

# Guard while the VM is being written: remove once pylua/vm.py lands.
if not (bh.ROOT / "pylua" / "vm.py").exists():
    pytest.skip(
        "pylua/vm.py does not exist yet: the VM has not landed, so `python -m pylua` "
        "cannot run the behaviour corpus",
        allow_module_level=True,
    )

PROGRAMS = bh.programs()


@pytest.mark.parametrize("path", PROGRAMS, ids=bh.program_id)
def test_behaviour(path):
    want = bh.read_expected(path)
    got = bh.run_pylua(path)
    if got != want:
        pytest.fail(f"{bh.program_id(path)}\n" + bh.describe_mismatch(want, got), pytrace=False)
