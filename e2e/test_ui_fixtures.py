"""The panels, share links, examples and themes, drawn from recorded
sessions (web/dev/fixtures/*.json, ?fixture=NAME): no Pyodide, no debugger.
"""

from __future__ import annotations

import re

from e2e_helpers import SHOTS, report, status, tid, wait_status


def step_until(page, button: str, predicate_js: str, limit: int = 60) -> int:
    for i in range(limit):
        if page.evaluate(predicate_js):
            return i
        before = page.text_content("#step-label")
        page.click(tid(button))
        page.wait_for_function(
            "(b) => document.querySelector('#step-label').textContent !== b",
            arg=before,
            timeout=5000,
        )
    raise AssertionError(f"not reached after {limit} steps: {predicate_js}")


def test_closure_panels(app):
    page = app.page
    app.goto("/?fixture=closure")
    assert "ready" in status(page)
    page.click(tid("step"))
    wait_status(page, "paused")
    # bytecode rows carry pc and line; the current one is aria-current="step"
    rows = page.locator(f"{tid('bytecode')} tr[data-pc]")
    assert rows.count() >= 10
    current = page.locator(f'{tid("bytecode")} tr[aria-current="step"]')
    assert current.count() == 1
    assert current.get_attribute("data-pc") == "2"
    assert current.get_attribute("data-line") == "12"
    # registers of the main chunk: R0 is the local 'counter'
    r0 = page.locator(f'{tid("registers")} tr[data-reg="0"]')
    assert "counter" in r0.text_content() and "function" in r0.text_content()
    # into inc: the upvalue n is open, pointing at counter's R0
    step_until(
        page,
        "step",
        """document.querySelector('[data-testid="upvalues"] tr[data-name="n"][data-state="open"]') !== null""",
    )
    up = page.locator(f'{tid("upvalues")} tr[data-name="n"]')
    assert up.get_attribute("data-state") == "open"
    assert "counter" in up.text_content() and "R0" in up.text_content()
    assert page.locator(f"{tid('callstack')} > li").count() == 3
    # the callee's window starts where the caller's CALL put its arguments
    assert page.locator(f"{tid('registers')} th.frame-col").count() == 2
    assert (
        page.locator(f'{tid("bytecode")} [role="tab"][aria-selected="true"]')
        .text_content()
        .startswith("inc (line 4)")
    )
    app.shot("fixture-closure-open")
    # counter returns: the upvalue is closed inside c
    step_until(
        page,
        "step",
        """document.querySelector('[data-testid="upvalues"] tr[data-name="n"][data-state="closed"]') !== null""",
    )
    assert "own value" in page.locator(f'{tid("upvalues")} tr[data-name="n"]').text_content()
    app.shot("fixture-closure-closed")
    # selecting the main chunk in the call stack redraws the panels for it
    page.locator(f"{tid('callstack')} > li[data-frame='0'] button").click()
    assert page.locator(f'{tid("registers")} tr[data-reg="1"]').text_content().find("c") >= 0
    assert "no upvalues" in page.text_content(tid("upvalues"))
    # Back goes one instruction back: before the CALL of c
    before = page.text_content("#step-label")
    page.click(tid("back"))
    page.wait_for_function(
        "(b) => document.querySelector('#step-label').textContent !== b", arg=before
    )
    assert page.locator(f"{tid('callstack')} > li").count() == 1
    assert (
        page.locator(f'{tid("bytecode")} tr[aria-current="step"]').get_attribute("data-pc") == "6"
    )


def test_changed_registers_and_timeline(app):
    page = app.page
    app.goto("/?fixture=closure")
    for _ in range(4):
        before = page.text_content("#step-label")
        page.click(tid("step"))
        page.wait_for_function(
            "(b) => document.querySelector('#step-label').textContent !== b", arg=before
        )
    # LOADK 0 -1 wrote counter's R0: that slot is highlighted
    changed = page.locator(f"{tid('registers')} tr.changed")
    assert changed.count() >= 1
    assert changed.first.get_attribute("data-reg") == "0"
    # the timeline spans the steps executed so far; moving it goes back
    tl = page.locator(tid("timeline"))
    assert tl.get_attribute("max") == "4"
    tl.fill("1")
    page.wait_for_function(
        "document.querySelector('#step-label').textContent.startsWith('step 1 /')"
    )
    assert (
        page.locator(f'{tid("bytecode")} tr[aria-current="step"]').get_attribute("data-pc") == "2"
    )


def test_source_and_bytecode_linked(app):
    page = app.page
    app.goto("/?fixture=closure")
    page.click(tid("step"))
    wait_status(page, "paused")
    # hovering an instruction highlights its source line
    page.locator(f'{tid("bytecode")} tr[data-pc="4"]').hover()
    linked = page.locator(f"{tid('editor')} .cm-linked-line")
    assert linked.count() == 1 and "print(c())" in linked.text_content()
    # the opcode's description is shown for the hovered instruction
    assert "R(A) := Gbl[Kst(Bx)]" in page.text_content(f"{tid('bytecode')} .opdesc")
    assert "Gbl[Kst(Bx)]" in page.locator(f'{tid("bytecode")} tr[data-pc="4"]').get_attribute(
        "title"
    )
    # keyboard: arrows in the listing move through instructions, with their descriptions
    page.focus(f"{tid('bytecode')} .listing-scroll")
    page.keyboard.press("ArrowDown")  # the current instruction first
    assert page.evaluate("document.activeElement.dataset.pc") == "2"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.pc") == "3"
    assert "R(A), ... ,R(A+C-2)" in page.text_content(f"{tid('bytecode')} .opdesc")
    # clicking a source line highlights its instructions (switching function if needed)
    page.locator(f"{tid('editor')} .cm-line").nth(4).click()  # line 5: n = n + 1
    rows = page.locator(f"{tid('bytecode')} tr.linked")
    assert rows.count() == 3
    assert {rows.nth(i).get_attribute("data-line") for i in range(3)} == {"5"}


def test_builtin_frame_tables_coroutines_and_error(app):
    page = app.page
    app.goto("/?fixture=panels")
    page.click(tid("step"))
    wait_status(page, "paused")
    frames = page.locator(f"{tid('callstack')} > li")
    assert frames.count() == 3
    assert frames.nth(1).get_attribute("data-kind") == "builtin"
    assert "pcall" in frames.nth(1).text_content()
    co = page.locator(f'{tid("coroutines")} li[data-coroutine="c1"]')
    assert co.get_attribute("data-status") == "suspended"
    # tables: each once by id, with who refers to it; expandable, metatable link
    t2 = page.locator(f'{tid("tables")} details[data-ref="t2"]')
    assert t2.count() == 1
    assert "upvalue alias" in t2.text_content()
    t2.locator("> summary").click()  # (the parts inside have summaries too)
    assert t2.get_attribute("open") is not None
    assert '"obj"' in t2.text_content()
    t2.locator('button[data-goto="t3"]').click()
    t3 = page.locator(f'{tid("tables")} details[data-ref="t3"]')
    assert t3.get_attribute("open") is not None and "__index" in t3.text_content()
    app.shot("fixture-panels")
    # selecting the main chunk: two registers name one table (aliasing)
    page.locator(f"{tid('callstack')} > li[data-frame='0'] button").click()
    t2 = page.locator(f'{tid("tables")} details[data-ref="t2"] > summary')
    assert "obj" in t2.text_content() and "alias" in t2.text_content()
    # a suspended coroutine shows its stack, innermost first: it waits in the
    # builtin yield, called from its body's for loop
    co_frames = co.locator("li[data-frame]")
    assert co_frames.count() == 2
    assert co_frames.nth(0).get_attribute("data-kind") == "builtin"
    assert "yield" in co_frames.nth(0).text_content()
    assert co_frames.nth(1).get_attribute("data-kind") == "lua"
    assert "function <input:4>" in co_frames.nth(1).text_content()
    # a frame of a suspended coroutine can be selected too
    co.locator("li[data-frame='0'] button").click()
    assert "(for index)" in page.text_content(tid("registers"))
    # the runtime error: status, console, and the line marked with the message
    page.click(tid("step"))
    text = wait_status(page, "error")
    assert "line 12: boom" in text and "input:12:" not in text
    # the program's end is known (end_step): the timeline spans all of it
    assert page.locator(tid("timeline")).get_attribute("max") == "44"
    assert page.text_content("#step-label").strip() == "step 44 / 44"
    assert "input:12: boom" in page.text_content(tid("console"))
    err_line = page.locator(f"{tid('editor')} .cm-error-line")
    assert err_line.count() == 1 and 'error("boom")' in err_line.text_content()
    assert "input:12: boom" in page.text_content(f"{tid('editor')} .cm-error-message")
    app.shot("fixture-runtime-error")


def test_syntax_error_marked(app):
    page = app.page
    # the program in the editor is compiled as soon as Python is up: the
    # error shows before any Step (issue 13, item 4), and Step says it again
    app.goto("/?fixture=syntax", ready=False)
    wait_status(page, "error", timeout=60_000)
    page.click(tid("step"))
    text = wait_status(page, "error")
    assert "')' expected" in text
    err_line = page.locator(f"{tid('editor')} .cm-error-line")
    assert err_line.count() == 1 and err_line.text_content() == "print(2)"
    assert "syntax error" in page.text_content(tid("console"))
    assert page.locator(f"{tid('bytecode')} tr[data-pc]").count() == 0


def test_share_link_round_trip(app, context):
    page = app.page
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.server)
    app.goto("/?fixture=closure")
    source = 'local s = "ünïcode & #hash = ok"\nprint(s)\n'
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", source)
    page.locator(f"{tid('editor')} [data-bp-line='2']").click()
    page.click(tid("share"))
    page.wait_for_function("location.hash.startsWith('#code=')")
    url = page.evaluate("location.href")
    assert re.search(r"#code=[A-Za-z0-9+\-$]+&bp=2$", url), url
    assert "copied" in page.text_content("#share-note")
    shared = page.evaluate("navigator.clipboard.readText()")
    assert shared == url.replace("?fixture=closure", "")
    other = context.new_page()
    other.goto(url.replace("?fixture=closure", ""), wait_until="domcontentloaded")
    other.wait_for_function("window.__pylua && window.__pylua.editor")
    assert other.evaluate("window.__pylua.editor.getSource()") == source
    assert other.evaluate("window.__pylua.editor.getBreakpoints()") == [2]
    # embed.html shows a compact view of the same link
    embed = context.new_page()
    embed.goto(url.replace("/?fixture=closure", "/embed.html"), wait_until="domcontentloaded")
    embed.wait_for_function("window.__pylua && window.__pylua.editor")
    assert embed.evaluate("window.__pylua.editor.getSource()") == source
    assert embed.locator(tid("bytecode")).count() == 0
    assert embed.locator(tid("run")).count() == 1
    assert "embed.html" not in embed.get_attribute("#open-full", "href")
    other.close()
    embed.close()


def test_examples_menu(app):
    page = app.page
    app.goto("/?fixture=closure")
    options = page.locator(f"{tid('examples')} option:not([disabled])")
    ids = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert len(ids) >= 12
    for need in ("hello", "closure-counter", "pcall-error", "coroutine-generator", "redis-script"):
        assert need in ids
    page.select_option(tid("examples"), "redis-script")
    src = page.evaluate("window.__pylua.editor.getSource()")
    assert "KEYS" in src and "ARGV" in src
    assert "ready" in status(page)


def test_themes_and_phone_layout(app, browser):
    page = app.page
    app.goto("/?fixture=closure")
    light = page.evaluate("getComputedStyle(document.body).backgroundColor")
    page.emulate_media(color_scheme="dark")
    dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert light != dark
    page.click(tid("step"))
    wait_status(page, "paused")
    app.shot("theme-dark")
    page.emulate_media(color_scheme="light")
    app.shot("theme-light")
    # a phone-width screen: the panels stack in one column
    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.goto(app.server + "/?fixture=closure")
    wait_status(phone, "ready")
    boxes = [
        phone.locator(f"section.{c}").bounding_box()
        for c in ("editor-panel", "bytecode-panel", "registers-panel")
    ]
    assert len({round(b["x"]) for b in boxes}) == 1
    assert all(b["width"] <= 390 for b in boxes)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 392
    SHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SHOTS / "phone.png"), full_page=True)
    phone.close()


def test_keyboard_and_labels(app):
    page = app.page
    app.goto("/?fixture=closure")
    # every control has an accessible name and can take the focus
    for name in (
        "run",
        "stop",
        "step",
        "step-line",
        "step-over",
        "step-out",
        "back",
        "back-line",
        "restart",
        "share",
        "examples",
        "timeline",
    ):
        el = page.locator(tid(name))
        label = el.get_attribute("aria-label") or page.evaluate(
            "(e) => (e.labels && e.labels[0] && e.labels[0].textContent) || ''", el.element_handle()
        )
        assert label.strip(), name
    # shortcuts: Alt+Right steps one instruction, Alt+Left goes back, F10 over
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_function(
        "document.querySelector('#step-label').textContent.startsWith('step 1 ')"
    )
    page.keyboard.press("Alt+ArrowRight")
    page.wait_for_function(
        "document.querySelector('#step-label').textContent.startsWith('step 2 ')"
    )
    page.keyboard.press("Alt+ArrowLeft")
    page.wait_for_function(
        "document.querySelector('#step-label').textContent.startsWith('step 1 ')"
    )
    page.keyboard.press("F10")
    page.wait_for_function(
        "!document.querySelector('#step-label').textContent.startsWith('step 1 ')"
    )
    # Tab reaches the toolbar from the top of the page
    page.evaluate("document.activeElement && document.activeElement.blur()")
    seen = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.add(page.evaluate("document.activeElement.dataset.testid || ''"))
    assert {"examples", "share", "run"} <= seen
    report(f"fixture mode: {len(seen)} controls reached by Tab in 12 presses")
