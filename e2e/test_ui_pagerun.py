"""Issue 14, part 2: Run in the page runs in the VM's fast paths, and what
the page shows after it is what stepping shows: Back right after a long
Run (to its end, or stopped) is one instruction back, the state a session
stepping instruction by instruction in CPython has there.  While it runs,
the status says how fast, the panels say they show the state before Run,
and the console streams the output in batches, never holding more than its
last lines.  (Timings are the page benchmark's: bench/page_run.py.)"""

from __future__ import annotations

import json
import re

import pytest
from e2e_helpers import SHOTS, report, status, tid, wait_status
from test_playground import set_source
from test_ui_tables import VIEWPORTS

from pylua.debugger import Session

LOAD_TIMEOUT = 90_000
MAX_LINES = 1000  # web/src/console.js

LONG = """\
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 400 do t[i] = {fib(i % 14), tostring(i)} end
local s = ""
for i = 1, 300 do s = s .. i end
print(#t, t[7][1], #s, tostring(t[3]))
local last = t[400]
print(last[2], fib(15))
"""

FOREVER = """\
local t = {}
local i = 0
while true do
  i = i + 1
  t[i % 100 + 1] = {i}
end
"""


@pytest.fixture
def pg(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    return app


def stepped(source: str, n: int) -> dict:
    """The snapshot at step n of a session run instruction by instruction
    (its hooks at every step, no fast path) in CPython, as the page's worker
    would send it."""
    s = Session(source, chunkname="=input")
    s.sparse = False
    return json.loads(json.dumps(s.goto(n)))


def same_state(page_snap: dict, ref: dict) -> None:
    skip = {"reason", "end_step", "message"}
    for k in ref:
        if k not in skip:
            assert page_snap[k] == ref[k], k


def app_snapshot(page) -> dict:
    return page.evaluate("window.__pylua.snapshot")


def click_back(page) -> dict:
    before = page.text_content("#step-label")
    page.click(tid("back"))
    page.wait_for_function("(b) => document.querySelector('#step-label').textContent !== b", arg=before)
    page.wait_for_function("!window.__pylua.running")
    return app_snapshot(page)


def test_back_right_after_a_long_run_is_one_instruction(pg):
    page = pg.page
    set_source(page, LONG)
    page.click(tid("run"))
    wait_status(page, "finished", timeout=120_000)
    end = app_snapshot(page)
    n = end["step"]
    assert n > 100_000 and end["status"] == "finished"
    assert end["output"].startswith("400\t")
    snap = click_back(page)
    assert snap["step"] == n - 1 and snap["status"] == "paused"
    same_state(snap, stepped(LONG, n - 1))
    assert page.text_content("#step-label").startswith(f"step {n - 1:d} / {n:d}")
    # one step forward is the end again
    page.click(tid("step"))
    wait_status(page, "finished")
    assert app_snapshot(page)["step"] == n


def test_while_running_the_page_says_how_fast_and_that_panels_are_from_before(pg):
    page = pg.page
    set_source(page, FOREVER)
    page.click(tid("step"))
    page.wait_for_function("window.__pylua.snapshot && window.__pylua.snapshot.step === 1")
    page.click(tid("run"))
    text = wait_status(page, "steps/s", timeout=30_000)
    assert re.fullmatch(r"running… step [\d,]+ — [\d.]+ (?:[kM] )?steps/s", text), text
    notes = page.locator(f"main.grid {tid('before-run')}")
    for panel in ("registers-panel", "upvalues-panel", "stack-panel"):
        note = page.locator(f"section.{panel} > h2 > {tid('before-run')}")
        assert note.text_content() == " — the state before Run (step 1)", panel
    assert page.locator(f"section.console-panel {tid('before-run')}").count() == 0
    SHOTS.mkdir(exist_ok=True)
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(SHOTS / f"pagerun-running-{width}x{height}-{theme}.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.emulate_media(color_scheme="light")
    page.click(tid("stop"))
    wait_status(page, "paused")
    assert notes.count() == 0
    stopped = app_snapshot(page)
    s = stopped["step"]
    assert s > 1_000
    # Back right after a stopped Run: one instruction, as stepping has it
    snap = click_back(page)
    assert snap["step"] == s - 1
    same_state(snap, stepped(FOREVER, s - 1))
    report(f"pagerun: stopped at step {s:,} ({status(page)})")


def test_a_long_output_streams_into_the_console_in_batches(pg):
    page = pg.page
    set_source(page, "for i = 1, 100000 do print('line ' .. i .. ' of the output') end\n")
    # the most lines the console held at once, and whether it showed some
    # output while the program was still running
    page.evaluate(
        """() => {
      const root = document.querySelector('[data-testid="console"]');
      window.__consoleSeen = { max: 0, whileRunning: 0 };
      new MutationObserver(() => {
        const n = (root.textContent.match(/\\n/g) || []).length;
        window.__consoleSeen.max = Math.max(window.__consoleSeen.max, n);
        if (window.__pylua.running && /line \\d+ of the output/.test(root.textContent)) window.__consoleSeen.whileRunning++;
      }).observe(root, { childList: true, subtree: true, characterData: true });
    }"""
    )
    page.click(tid("run"))
    page.wait_for_function("window.__pylua.running")
    page.wait_for_function("window.__consoleSeen.whileRunning > 0", timeout=60_000)
    pg.shot("pagerun-console-streaming", full_page=False)
    wait_status(page, "finished", timeout=120_000)
    seen = page.evaluate("window.__consoleSeen")
    assert seen["max"] <= MAX_LINES + 3, seen
    text = page.text_content(tid("console"))
    lines = text.rstrip("\n").split("\n")
    assert lines[-1] == "line 100000 of the output"
    assert re.fullmatch(r"… [\d,]+ earlier bytes not shown", lines[0]), lines[0]
    assert re.fullmatch(r"line \d+ of the output", lines[1]), lines[1]
    assert len(lines) == MAX_LINES + 1
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        pg.shot(f"pagerun-console-finished-{theme}", full_page=False)
    times = page.evaluate("window.__pylua.consoleTimes")
    report(
        f"pagerun: console drawn {len(times)} times for 100 000 lines, at most {max(times):.0f} ms"
        f" ({seen['whileRunning']} updates while running)"
    )
