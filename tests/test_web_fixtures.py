"""web/dev/fixtures/*.json, the recorded sessions of the playground's fixture
mode (``?fixture=NAME``), are what the real debugger gives today: each one
is recorded again by web/dev/make_fixtures.py and compared byte for byte with
the committed file, so the page's UI tests never draw a snapshot the debugger
would not produce."""

from __future__ import annotations

import difflib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAKER = ROOT / "web" / "dev" / "make_fixtures.py"
FIXTURES = ROOT / "web" / "dev" / "fixtures"
REGEN = "python3 web/dev/make_fixtures.py"


def _maker():
    spec = importlib.util.spec_from_file_location("pylua_make_fixtures_test", MAKER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


MAKE = _maker()


def test_every_fixture_file_is_made_by_the_script():
    on_disk = {p.stem for p in FIXTURES.glob("*.json")}
    assert on_disk == set(MAKE.FIXTURES), (
        f"web/dev/fixtures/ holds {sorted(on_disk)}, make_fixtures.py writes "
        f"{sorted(MAKE.FIXTURES)}: run `{REGEN}` and remove the others"
    )


@pytest.mark.parametrize("name", sorted(MAKE.FIXTURES))
def test_fixture_is_the_real_session(name):
    path = FIXTURES / f"{name}.json"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `{REGEN}`"
    want = MAKE.render(MAKE.FIXTURES[name]())
    have = path.read_text(encoding="utf-8")
    if have != want:
        diff = "".join(
            list(
                difflib.unified_diff(
                    have.splitlines(keepends=True),
                    want.splitlines(keepends=True),
                    f"committed {name}.json",
                    f"recorded {name}.json",
                    n=2,
                )
            )[:60]
        )
        pytest.fail(
            f"web/dev/fixtures/{name}.json is not what the debugger records now: "
            f"run `{REGEN}` (and check e2e/test_ui_fixtures.py)\n{diff}",
            pytrace=False,
        )


def test_recording_is_deterministic():
    # the same bytes on every run: ids, addresses and order come from the run
    for name, make in MAKE.FIXTURES.items():
        assert MAKE.render(make()) == MAKE.render(make()), name


def test_fixture_shapes():
    """What the e2e UI tests rely on, said plainly."""
    closure = json.loads((FIXTURES / "closure.json").read_text(encoding="utf-8"))
    steps = [s["step"] for s in closure["snapshots"]]
    assert steps == list(range(len(steps)))  # every step, none skipped
    assert closure["snapshots"][0]["status"] == "ready"
    assert closure["snapshots"][-1]["status"] == "finished"
    assert closure["load_error"] is None and closure["listing"]["protos"]

    panels = json.loads((FIXTURES / "panels.json").read_text(encoding="utf-8"))
    first, inside, end = panels["snapshots"]
    assert first["step"] == 0 and first["status"] == "ready"
    assert [(f["kind"], f["name"]) for f in inside["frames"]][:2] == [
        ("lua", "main chunk"),
        ("builtin", "pcall"),
    ]
    assert len(inside["frames"]) == 3 and inside["frames"][2]["kind"] == "lua"
    assert end["status"] == "error" and end["error"] == "input:12: boom"

    tables = json.loads((FIXTURES / "tables.json").read_text(encoding="utf-8"))
    first, at_loop = tables["snapshots"]
    assert first["step"] == 0 and at_loop["line"] == 9
    regs = {r["name"]: r["ref"] for r in at_loop["frames"][0]["registers"] if r["name"]}
    big, t = at_loop["heap"][regs["big"]], at_loop["heap"][regs["t"]]
    assert (big["array_size"], big["array_used"], len(big["array"])) == (16384, 10000, 100)
    assert [(n["key"]["value"], n["state"], n["main"], n["next"]) for n in t["hash"]] == [
        ('"id"', "live", 0, None),
        ('"name"', "live", 2, None),
        ('"age"', "dead", 2, 1),
        ('"red"', "live", 3, None),
    ]

    syntax = json.loads((FIXTURES / "syntax.json").read_text(encoding="utf-8"))
    assert syntax["listing"] is None
    assert syntax["load_error"] == "input:3: ')' expected (to close '(' at line 2) near 'print'"
    assert [s["status"] for s in syntax["snapshots"]] == ["error"]
