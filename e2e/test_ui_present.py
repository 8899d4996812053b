"""Issue 13, items 14 and 15: presentation (text size A−/A+ kept from one
visit to the next, a light/dark toggle over the OS setting, a presentation
mode) and values that open (a closure in a register shows its prototype
and upvalues; a table jumps to its entry in the tables panel)."""

from __future__ import annotations

import re

from e2e_helpers import SHOTS, tid, wait_status

LOAD_TIMEOUT = 90_000
VIEWPORTS = [(1440, 900), (1280, 720), (1024, 576), (390, 844)]

CLOSURE = """\
local count = 10
local t = {1, 2, 3}
local function add(n)
  count = count + n
  return count, t
end
local x = add
print(x(1))
"""


def open_settings(page):
    if not page.locator(f"{tid('settings')}[open]").count():
        page.click(f"{tid('settings')} summary")


def zoom(page) -> float:
    return page.evaluate("Number(getComputedStyle(document.body).zoom) || 1")


def bg(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_font_size_is_kept_across_reloads(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    open_settings(page)
    base = page.locator(tid("editor")).bounding_box()["height"]
    assert zoom(page) == 1
    page.click(tid("font-larger"))
    page.click(tid("font-larger"))
    assert zoom(page) == 1.25
    assert "125%" in page.get_attribute(tid("font-larger"), "aria-label")
    # the text is larger: a source line is taller on screen
    line = page.locator(f"{tid('editor')} .cm-line").first.bounding_box()["height"]
    app.goto("/", timeout=LOAD_TIMEOUT)
    assert zoom(page) == 1.25  # kept (localStorage)
    open_settings(page)
    page.click(tid("font-smaller"))
    assert zoom(page) == 1.1
    for _ in range(8):
        if page.is_enabled(tid("font-smaller")):
            page.click(tid("font-smaller"))
    assert zoom(page) == 0.8 and page.is_disabled(tid("font-smaller"))
    smaller = page.locator(f"{tid('editor')} .cm-line").first.bounding_box()["height"]
    assert smaller < line, (smaller, line)
    assert base > 0


def test_theme_toggle_overrides_the_os_setting(app):
    page = app.page
    page.emulate_media(color_scheme="light")
    app.goto("/", timeout=LOAD_TIMEOUT)
    light = bg(page)
    open_settings(page)
    page.select_option(tid("theme"), "dark")
    dark = bg(page)
    assert dark != light
    # the editor follows (its colours are the theme's variables)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.cm-editor')).backgroundColor")
        != "rgb(255, 255, 255)"
    )
    app.goto("/", timeout=LOAD_TIMEOUT)
    assert bg(page) == dark  # kept
    # and light wins over a dark OS
    page.emulate_media(color_scheme="dark")
    open_settings(page)
    page.select_option(tid("theme"), "light")
    assert bg(page) == light
    page.select_option(tid("theme"), "auto")
    assert bg(page) == dark


def test_presentation_mode_hides_and_enlarges(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    page.set_viewport_size({"width": 1280, "height": 720})
    before = {
        p: page.locator(f"section.{p}").evaluate("e => getComputedStyle(e).zoom")
        for p in ("editor-panel", "bytecode-panel", "registers-panel")
    }
    assert page.is_visible(tid("share")) and page.is_visible("details.keys")
    open_settings(page)
    page.click(tid("present"))
    assert page.get_attribute(tid("present"), "aria-pressed") == "true"
    for p, z in before.items():
        now = page.locator(f"section.{p}").evaluate("e => getComputedStyle(e).zoom")
        assert float(now) > float(z) * 1.2, (p, z, now)
    for hidden in (tid("share"), "details.keys", "label.mode", ".top h1 .sub"):
        assert not page.is_visible(hidden), hidden
    # stepping still works in the mode
    page.click(tid("step"))
    wait_status(page, "paused")
    SHOTS.mkdir(exist_ok=True)
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.select_option(tid("theme"), theme)
            page.screenshot(path=str(SHOTS / f"present-{width}x{height}-{theme}.png"))
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 2
    app.goto("/", timeout=LOAD_TIMEOUT)
    assert page.evaluate("document.body.classList.contains('present')")  # kept
    open_settings(page)
    page.click(tid("present"))
    assert page.is_visible(tid("share"))


def load(app, source):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", source)
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")


def test_a_closure_in_a_register_opens(app):
    page = app.page
    load(app, CLOSURE)
    page.locator(f"{tid('editor')} [data-bp-line='8']").click()
    page.click(tid("run"))
    assert "paused at line 8" in wait_status(page, "paused", "finished", "error", timeout=60_000)
    row = page.locator(f"{tid('registers')} tr", has=page.locator(".local", has_text="add")).first
    button = row.locator(tid("value-open"))
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    info = row.locator(tid("closure-info"))
    info.wait_for()
    text = info.inner_text()
    assert "prototype 0.0" in text and "function <input:3>" in text and "lines 3–6" in text, text
    assert "count = 10" in text and "t = table: 0x" in text, text
    # still open after a step (the same closure), and it shows its bytecode
    page.click(tid("step"))
    wait_status(page, "paused")
    row = page.locator(f"{tid('registers')} tr", has=page.locator(".local", has_text="add")).first
    row.locator(tid("closure-info")).wait_for()
    row.locator(tid("closure-bytecode")).click()
    sel = page.locator(f'{tid("bytecode")} [role="tab"][aria-selected="true"]')
    assert sel.get_attribute("data-proto") == "0.0"
    app.shot("present-closure-open")


def test_a_table_in_a_register_jumps_to_the_tables_panel(app):
    page = app.page
    load(app, CLOSURE)
    page.locator(f"{tid('editor')} [data-bp-line='8']").click()
    page.click(tid("run"))
    wait_status(page, "paused", timeout=60_000)
    row = page.locator(
        f"{tid('registers')} tr", has=page.locator(".local", has_text=re.compile("^t$"))
    ).first
    button = row.locator(tid("value-open"))
    assert "→ show" in button.inner_text()
    ref = button.get_attribute("data-ref")
    page.set_viewport_size({"width": 1024, "height": 576})
    button.focus()
    page.keyboard.press("Enter")  # by keyboard too
    details = page.locator(f'{tid("tables")} > details[data-ref="{ref}"]')
    page.wait_for_function(
        "(r) => document.activeElement === document.querySelector(`[data-testid=tables] > details[data-ref=${r}] summary`)",
        arg=ref,
    )
    assert details.evaluate("d => d.open")
    box = details.bounding_box()
    assert 0 <= box["y"] < 576, box
