"""The differential suite of Redis mode (issue 12): every case of
tests/redis/cases/*.json is run by pylua's Server and its raw replies and
final keyspace compared with what redis-server 7.0.15 answered
(tests/redis/expected/*.json, made by scripts/redis-oracle).

- test_expected_is_current: when redis-server is installed, the expected
  files are regenerated into a temp dir and must equal the committed ones;
- test_case: each case through pylua (a case listed under "Known
  differences" in docs/redis.md is an expected failure, strictly);
- test_summary: >= 98% of replies byte-identical, every differing case
  listed in docs/redis.md, every listed case still differing.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "redis"))

import oracle  # noqa: E402

DOC = ROOT / "docs" / "redis.md"
THRESHOLD = 0.98

AREAS = oracle.areas()
CASES = {area: oracle.load_cases(oracle.CASES / f"{area}.json") for area in AREAS}
ALL = [(area, case) for area in AREAS for case in CASES[area]]


def known_differences() -> dict[str, str]:
    """{case name: reason} from the bullets under the "Known differences"
    heading of docs/redis.md (``- `name`: reason``), up to the next heading."""
    if not DOC.exists():
        return {}
    out = {}
    inside = False
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            inside = line.lstrip("#").strip().lower() == "known differences"
            continue
        m = re.match(r"\s*[-*]\s+`([^`]+)`\s*:?\s*(.*)", line) if inside else None
        if m:
            out[m.group(1)] = m.group(2).strip()
    return out


KNOWN = known_differences()


def expected(area: str) -> dict[str, dict]:
    path = oracle.EXPECTED / f"{area}.json"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8") as f:
        return {r["name"]: r for r in json.load(f)}


# ---------------------------------------------------------------- the cases themselves


def test_cases_well_formed():
    names = [case["name"] for _, case in ALL]
    dup = sorted({n for n in names if names.count(n) > 1})
    assert not dup, f"case names must be unique: {dup}"
    for _area, case in ALL:
        assert set(case) <= {"name", "resp", "fresh", "setup", "steps", "note"}, case["name"]
        assert case.get("resp", 2) in (2, 3), case["name"]
        assert case["steps"], case["name"]


def test_production_scripts_all_run():
    """Every tests/redis/production/*.lua is run, verbatim, by production.json
    (rebuilt by tests/redis/production/make_cases.py)."""
    prod = oracle.HERE / "production"
    run = {s[1] for c in CASES.get("production", []) for s in c["steps"]
           if isinstance(s, list) and s[0] in ("EVAL", "SCRIPT")}
    scripts = sorted(prod.glob("*.lua"))
    assert len(scripts) >= 20
    stale = [p.name for p in scripts if p.read_text(encoding="utf-8") not in run]
    assert not stale, f"run tests/redis/production/make_cases.py: {stale}"


@pytest.mark.parametrize("area", AREAS)
def test_expected_recorded(area):
    """Every case has its recorded answer (run scripts/redis-oracle AREA)."""
    exp = expected(area)
    missing = [c["name"] for c in CASES[area] if c["name"] not in exp]
    extra = sorted(set(exp) - {c["name"] for c in CASES[area]})
    assert not missing and not extra, (
        f"tests/redis/expected/{area}.json is stale (run scripts/redis-oracle {area}): "
        f"missing {missing[:5]}, extra {extra[:5]}"
    )


@pytest.mark.skipif(not oracle.REDIS_SERVER, reason="redis-server is not installed")
@pytest.mark.parametrize("area", AREAS)
def test_expected_is_current(area, tmp_path):
    """The committed answers are what redis-server answers today."""
    version = oracle.redis_version()
    if version != oracle.VERSION:
        pytest.skip(f"redis-server is {version}; the expected replies are {oracle.VERSION}'s")
    (path,) = oracle.regenerate(tmp_path, [area])
    with open(path, encoding="utf-8") as f:
        fresh = {r["name"]: r for r in json.load(f)}
    old = expected(area)
    stale = [n for n in fresh if fresh[n] != old.get(n)]
    assert not stale, (
        f"redis-server answers differently from tests/redis/expected/{area}.json "
        f"(run scripts/redis-oracle {area}): {stale[:10]}"
    )


# ---------------------------------------------------------------- pylua


def _server_available():
    mod = pytest.importorskip(
        "pylua.redis", reason="pylua.redis (the scripting core) is not built yet"
    )
    if not hasattr(mod, "Server"):
        pytest.skip("pylua.redis has no Server yet")


@functools.cache
def pylua_results(area: str) -> dict[str, dict]:
    """Runs a whole area on pylua once (cases share one Server, reset between
    cases exactly as the oracle's redis-server is)."""
    backend = oracle.PyluaBackend()
    try:
        return {r["name"]: r for r in oracle.run_area(backend, CASES[area])}
    finally:
        backend.close()


def differences(exp: dict, got: dict) -> list[str]:
    out = []
    for what in ("setup", "replies"):
        e, g = exp.get(what, []), got.get(what, [])
        for i in range(max(len(e), len(g))):
            ei = e[i] if i < len(e) else "<none>"
            gi = g[i] if i < len(g) else "<none>"
            if ei != gi:
                out.append(f"{what}[{i}]: redis {ei!r}\n{' ' * len(what)}     pylua {gi!r}")
    if exp.get("keyspace") != got.get("keyspace"):
        out.append(
            "keyspace: redis "
            + json.dumps(exp.get("keyspace"))
            + "\n          pylua "
            + json.dumps(got.get("keyspace"))
        )
    return out


def _params():
    for area, case in ALL:
        marks = []
        if case["name"] in KNOWN:
            marks.append(pytest.mark.xfail(reason=KNOWN[case["name"]], strict=True))
        yield pytest.param(area, case["name"], id=case["name"], marks=marks)


@pytest.mark.parametrize("area,name", list(_params()))
def test_case(area, name):
    _server_available()
    exp = expected(area).get(name)
    if exp is None:
        pytest.fail(f"no recorded answer for {name} (run scripts/redis-oracle {area})")
    got = pylua_results(area)[name]
    diff = differences(exp, got)
    assert not diff, f"{name} differs from redis-server:\n" + "\n".join(diff)


def test_summary():
    _server_available()
    total = same = 0
    differing = []
    for area in AREAS:
        exp_area = expected(area)
        got_area = pylua_results(area)
        for case in CASES[area]:
            exp, got = exp_area.get(case["name"]), got_area[case["name"]]
            if exp is None:
                continue
            e, g = exp["setup"] + exp["replies"], got["setup"] + got["replies"]
            total += len(e)
            same += sum(1 for i, r in enumerate(e) if i < len(g) and g[i] == r)
            if differences(exp, got):
                differing.append(case["name"])
    assert total >= 300
    rate = same / total
    unlisted = [n for n in differing if n not in KNOWN]
    names = {case["name"] for _, case in ALL}
    honest = [n for n in KNOWN if n in names and n not in differing]
    gone = [n for n in KNOWN if n not in names]
    assert rate >= THRESHOLD, f"only {same}/{total} replies byte-identical ({rate:.1%})"
    assert not unlisted, f"cases that differ but are not in docs/redis.md: {unlisted}"
    assert not honest, f"docs/redis.md lists cases that no longer differ: {honest}"
    assert not gone, f"docs/redis.md lists cases that do not exist: {gone}"
