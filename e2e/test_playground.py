"""The playground driving the real debugger (pylua.debugger.Session) in
Pyodide: run, step, back, breakpoints, Stop, share links, errors.

PYLUA_E2E_URL=http://127.0.0.1:PORT runs these against a server already
started (and skips the build)."""

from __future__ import annotations

import statistics
import time

import pytest
from e2e_helpers import report, status, tid, wait_status

LOAD_TIMEOUT = 90_000


@pytest.fixture
def pg(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    return app


def set_source(page, source: str, loaded=True) -> None:
    """Puts source in the editor; waits until the page has loaded it in the
    worker (as it does when idle), unless it does not compile."""
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", source)
    if loaded:
        page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")


def step_label(page) -> str:
    return page.text_content("#step-label")


def click_and_wait(page, button: str) -> float:
    """Clicks a step button; returns the ms until the step counter changed."""
    before = step_label(page)
    t0 = time.monotonic()
    page.click(tid(button))
    page.wait_for_function(
        "(b) => document.querySelector('#step-label').textContent !== b", arg=before, timeout=10_000
    )
    return (time.monotonic() - t0) * 1000


def step_until(page, predicate_js: str, button="step", limit=120) -> list[float]:
    times = []
    for _ in range(limit):
        if page.evaluate(predicate_js):
            return times
        if "finished" in status(page) or "error" in status(page):
            break
        times.append(click_and_wait(page, button))
    raise AssertionError(f"not reached: {predicate_js} (status: {status(page)})")


def test_typed_program_runs(pg):
    page = pg.page
    page.click(f"{tid('editor')} .cm-content")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type('local who = "typed"\nprint("hello from a " .. who .. " program", 6 * 7)\n')
    page.click(tid("run"))
    wait_status(page, "finished", "error")
    assert "finished" in status(page)
    assert "hello from a typed program\t42" in page.text_content(tid("console"))
    pg.shot("run-typed")


def test_closure_counter_upvalue_open_then_closed(pg):
    page = pg.page
    page.select_option(tid("examples"), "closure-counter")
    times = step_until(
        page,
        """document.querySelector('[data-testid="upvalues"] tr[data-name="n"][data-state="open"]') !== null""",
    )
    row = page.locator(f'{tid("upvalues")} tr[data-name="n"]')
    assert "counter" in row.text_content()
    assert page.locator(f"{tid('callstack')} > li").count() >= 3
    assert page.locator(f'{tid("bytecode")} tr[aria-current="step"]').count() == 1
    assert page.locator(f"{tid('registers')} tr[data-reg]").count() >= 1
    pg.shot("closure-open")
    # back in counter, about to RETURN: n is shared with inc, and RETURN will close it
    times += step_until(
        page,
        """document.querySelector('[data-testid="upvalues"] .captured-list li[data-name="n"][data-closing="true"]') !== null""",
    )
    assert "RETURN, closes n (R0)" in page.text_content(f"{tid('upvalues')} .closing")
    assert page.locator(f'{tid("registers")} tr[data-reg="0"] .captured').count() >= 1
    pg.shot("closure-closing")
    times.append(click_and_wait(page, "step"))
    just = page.text_content(f"{tid('upvalues')} .just-closed")
    assert "RETURN just closed n (R0 of local 'counter')" in just, just
    times += step_until(
        page,
        """document.querySelector('[data-testid="upvalues"] tr[data-name="n"][data-state="closed"]') !== null""",
    )
    pg.shot("closure-closed")
    report(
        f"closure-counter: {len(times)} steps, click-to-redraw median {statistics.median(times):.0f} ms, "
        f"max {max(times):.0f} ms"
    )


def test_step_into_pcall_shows_builtin_frame(pg):
    page = pg.page
    set_source(
        page, "local function f(x)\n  return x * 2\nend\nlocal ok, v = pcall(f, 21)\nprint(ok, v)\n"
    )
    step_until(
        page,
        """[...document.querySelectorAll('[data-testid="callstack"] > li[data-kind="builtin"]')]
             .some((li) => li.textContent.includes('pcall'))""",
    )
    frames = page.locator(f"{tid('callstack')} > li")
    assert frames.count() >= 3  # f, pcall, main chunk
    assert frames.first.get_attribute("data-kind") == "lua"
    pg.shot("pcall-builtin-frame")
    page.click(tid("run"))
    wait_status(page, "finished")
    assert "true\t42" in page.text_content(tid("console"))


def test_back_undoes_a_print(pg):
    page = pg.page
    set_source(page, 'print("one")\nprint("two")\n')
    step_until(
        page, """document.querySelector('[data-testid="console"]').textContent.includes('one')"""
    )
    assert "two" not in page.text_content(tid("console"))
    click_and_wait(page, "back")
    assert "one" not in page.text_content(tid("console"))
    # and forward again
    click_and_wait(page, "step")
    assert "one" in page.text_content(tid("console"))


def test_breakpoint_stops_run(pg):
    page = pg.page
    set_source(page, "local s = 0\nfor i = 1, 3 do\n  s = s + i\nend\nprint(s)\n")
    page.locator(f"{tid('editor')} [data-bp-line='5']").click()
    page.click(tid("run"))
    text = wait_status(page, "paused", "finished", "error")
    assert "paused at line 5" in text, text
    current = page.locator(f"{tid('editor')} .cm-current-step")
    assert current.text_content() == "print(s)"
    assert page.text_content(tid("console")) == ""
    page.click(tid("run"))
    wait_status(page, "finished")
    assert "6" in page.text_content(tid("console"))


def test_stop_ends_an_infinite_loop(pg):
    page = pg.page
    set_source(page, "local n = 0\nwhile true do n = n + 1 end\n")
    page.click(tid("run"))
    wait_status(page, "running")
    page.wait_for_timeout(1000)
    assert "running" in status(page)
    ms = stop_and_time(page)
    report(f"Stop in 'while true do end' answered in {ms:.0f} ms")
    assert ms < 200
    assert "paused" in status(page)
    pg.shot("stopped-loop")
    # the page and the session are still usable
    click_and_wait(page, "step")
    assert "paused" in status(page)


def stop_and_time(page) -> float:
    """Clicks Stop; the ms until the status no longer says running."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const st = document.querySelector('[data-testid="status"]');
            const t0 = performance.now();
            const obs = new MutationObserver(() => {
                if (!st.textContent.includes('running')) { obs.disconnect(); resolve(performance.now() - t0); }
            });
            obs.observe(st, {childList: true, characterData: true, subtree: true});
            document.querySelector('[data-testid="stop"]').click();
        })"""
    )


def test_stop_ends_a_step_over_that_does_not_return(pg):
    page = pg.page
    set_source(page, "local function f() while true do end end\nf()\nprint('never')\n")
    step_until(page, "document.querySelector('#step-label').textContent.startsWith('step 2 ')")
    assert "paused at line 2" in status(page)
    page.click(tid("step-over"))
    wait_status(page, "running")
    assert page.is_enabled(tid("stop"))
    page.wait_for_timeout(600)
    assert "running" in status(page)
    ms = stop_and_time(page)
    report(f"Stop during a step over a call that never returns answered in {ms:.0f} ms")
    assert ms < 200
    text = status(page)
    assert "paused at line 1" in text and "stopped" in text, text
    # stopped inside f: its frame is on the call stack, and the session goes on
    assert page.locator(f"{tid('callstack')} > li").count() == 2
    before = step_label(page)
    click_and_wait(page, "step")
    assert step_label(page) != before and "paused" in status(page)


def test_a_deep_recursion_shows_its_ends_and_a_gap(pg):
    page = pg.page
    set_source(
        page,
        "local function down(n)\n  if n == 0 then\n    return 0\n  end\n"
        "  return 1 + down(n - 1)\nend\nprint(down(500))\n",
    )
    page.locator(f"{tid('editor')} [data-bp-line='3']").click()
    page.click(tid("run"))
    assert "paused at line 3" in wait_status(page, "paused", "finished", "error")
    # 502 frames (the main chunk and 501 calls of down): the outer 10 and the
    # inner 90 are drawn, one row stands for the 402 between
    stack = page.locator(f"{tid('callstack')} > li")
    assert stack.count() == 101
    gap = page.locator(f"{tid('callstack')} > li[data-gap]")
    assert gap.count() == 1 and gap.get_attribute("data-gap") == "402"
    assert "402 frames" in gap.text_content()
    assert stack.nth(90).get_attribute("data-gap") == "402"  # after the 90 inner frames
    assert stack.last.text_content().startswith("main chunk")
    # down's upvalue (itself) is open in the main chunk's register: frame 0 of
    # the shown frames, selected by its link
    row = page.locator(f'{tid("upvalues")} tr[data-name="down"][data-state="open"]')
    assert "main chunk" in row.text_content()
    row.locator("button").click()
    assert page.locator(f"{tid('callstack')} > li.selected").get_attribute("data-frame") == "0"
    assert page.locator(f'{tid("registers")} tr[data-reg="0"]').first.text_content().count("down") >= 1
    pg.shot("deep-recursion")


def test_share_link_restores_and_runs(pg, context):
    page = pg.page
    source = "-- shared\nprint(6 * 7)\n"
    set_source(page, source)
    page.click(tid("share"))
    page.wait_for_function("location.hash.startsWith('#code=')")
    url = page.evaluate("location.href")
    other = context.new_page()
    other.goto(url)
    wait_status(other, "ready", timeout=LOAD_TIMEOUT)
    assert other.evaluate("window.__pylua.editor.getSource()") == source
    other.click(tid("run"))
    wait_status(other, "finished")
    assert other.text_content(tid("console")).strip() == "42"
    other.close()


def test_syntax_and_runtime_errors_at_their_lines(pg):
    page = pg.page
    set_source(page, "local x = 1\nlocal y = = 2\n", loaded=False)
    page.click(tid("run"))
    text = wait_status(page, "error")
    # the status says the line once (not "at line 2: input:2: ...")
    assert "line 2" in text and "input:2:" not in text and "unexpected symbol" in text
    assert page.locator(f"{tid('editor')} .cm-error-line").text_content() == "local y = = 2"
    set_source(page, 'local t = nil\nprint("before")\nlocal y = t.x\n')
    page.click(tid("run"))
    text = wait_status(page, "error")
    assert "error at line 3: attempt to index local 't' (a nil value)" in text
    assert page.locator(f"{tid('editor')} .cm-error-line").text_content() == "local y = t.x"
    assert "attempt to index local 't'" in page.text_content(f"{tid('editor')} .cm-error-message")
    console = page.text_content(tid("console"))
    assert "before" in console and "input:3: attempt to index local 't'" in console
    pg.shot("runtime-error")


def test_step_times_over_examples(pg):
    """Each step answers in under 100 ms for programs like the examples:
    measured in the page, from the click's handler to the frame painted
    after the panels were redrawn (window.__pylua.timings; the Playwright
    round trip of a click is reported beside it)."""
    page = pg.page
    names = [
        "hello",
        "closure-counter",
        "pcall-error",
        "coroutine-generator",
        "metatables-index",
        "redis-script",
    ]
    clicks, paints, worst = [], [], []
    for name in names:
        page.select_option(tid("examples"), name)
        page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
        page.evaluate("window.__pylua.timings.length = 0")
        for _ in range(25):
            if "finished" in status(page) or "error" in status(page):
                break
            clicks.append(click_and_wait(page, "step"))
        page.wait_for_function("window.__pylua.timings.every((t) => t.paintMs !== undefined)")
        timings = page.evaluate("window.__pylua.timings")
        ms = [t["paintMs"] for t in timings]
        paints += ms
        slowest = max(timings, key=lambda t: t["paintMs"])
        worst.append(
            f"{name} {max(ms):.0f} (worker {slowest['ms']:.0f}, render {slowest['renderMs']:.0f})"
        )
        assert all(t["loadMs"] < 5 for t in timings), [(t["loadMs"], t["name"]) for t in timings]
    worker = page.evaluate("window.__pylua.timings.map((t) => t.ms)")
    report(
        f"steps over {len(names)} examples, in the page (click to painted): median "
        f"{statistics.median(paints):.0f} ms, max {max(paints):.0f} ms; slowest step per example: "
        + ", ".join(worst)
    )
    report(
        f"  (with Playwright's click and polling: median {statistics.median(clicks):.0f} ms, "
        f"max {max(clicks):.0f} ms; worker round trip median {statistics.median(worker):.0f} ms)"
    )
    assert statistics.median(paints) < 100
    assert max(paints) < 300  # a generous bound: steps measured here take 30-90 ms
