"""The memory limit in the playground's settings: 256 MB unless chosen
otherwise (kept in localStorage), passed to the worker's session; a
program that allocates past it ends with Lua's "not enough memory" in the
console while the page goes on answering."""

from __future__ import annotations

import time

from e2e_helpers import SHOTS, report, status, tid, wait_status

LOAD_TIMEOUT = 90_000
VIEWPORTS = [(1440, 900), (1280, 720), (1024, 576), (390, 844)]  # as test_ui_tables.py
BOMB = "local t = {}\nwhile true do\n  t[#t + 1] = {}\nend\n"


def open_settings(page):
    settings = page.locator(tid("settings"))
    if settings.get_attribute("open") is None:
        settings.locator("summary").click()
    return settings


def test_settings_show_the_memory_limit_and_keep_a_choice(app):
    page = app.page
    app.goto("/?fixture=closure")  # (the settings need no Python)
    settings = open_settings(page)
    body = settings.locator(".settings-body")
    assert body.is_visible()
    select = page.locator(tid("memory-limit"))
    assert select.input_value() == "256"
    shown = body.locator("label[for=memory-limit]").inner_text()
    assert " ".join(shown.split()).startswith("Memory limit:")
    assert select.evaluate("(s) => s.selectedOptions[0].textContent") == "256 MB"
    assert page.evaluate(
        "[...document.querySelector('[data-testid=memory-limit]').options].map((o) => o.textContent)"
    ) == [
        "64 MB",
        "128 MB",
        "256 MB",
        "512 MB",
    ]
    assert "not enough memory" in body.inner_text()
    assert page.evaluate("window.__pylua.memoryLimitMB") == 256
    # a choice is kept from one visit to the next
    select.select_option("128")
    assert page.evaluate("window.__pylua.memoryLimitMB") == 128
    assert page.evaluate("localStorage.getItem('pylua.memoryLimitMB')") == "128"
    app.goto("/?fixture=closure")
    assert page.locator(tid("memory-limit")).input_value() == "128"
    assert page.evaluate("window.__pylua.memoryLimitMB") == 128
    # a value that is not a choice gives the default
    page.evaluate("localStorage.setItem('pylua.memoryLimitMB', '3')")
    app.goto("/?fixture=closure")
    assert page.locator(tid("memory-limit")).input_value() == "256"


def test_settings_look_right_in_both_themes(app):
    page = app.page
    app.goto("/?fixture=closure")
    SHOTS.mkdir(exist_ok=True)
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            body = open_settings(page).locator(".settings-body")
            name = f"settings-{width}x{height}-{theme}"
            page.screenshot(path=str(SHOTS / f"{name}.png"))
            # the popup is inside the window, over the page, and its text
            # reads against its background
            box = body.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, box)
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 2, name
            colors = body.evaluate(
                """(b) => {
                    const s = getComputedStyle(b), h = getComputedStyle(b.querySelector('.help'));
                    return [s.backgroundColor, s.color, h.color];
                }"""
            )
            assert colors[0] not in ("rgba(0, 0, 0, 0)", "transparent"), name
            assert colors[1] != colors[0] and colors[2] != colors[0], name
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.emulate_media(color_scheme="light")
    # it closes as it opened
    page.locator(f"{tid('settings')} summary").click()
    assert not page.locator(f"{tid('settings')} .settings-body").is_visible()


def test_a_memory_bomb_ends_with_not_enough_memory(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    # the smallest limit: the bomb ends sooner
    open_settings(page)
    page.select_option(tid("memory-limit"), "64")
    page.locator(f"{tid('settings')} summary").click()  # (closed again)
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", BOMB)
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    assert page.evaluate("window.__pylua.memoryLimit") == 64 << 20
    t0 = time.monotonic()
    page.click(tid("run"))
    wait_status(page, "running")
    # while it runs the page answers at once: the step counter moves, Stop is on
    first = page.text_content("#step-label")
    page.wait_for_function(
        "(b) => document.querySelector('#step-label').textContent !== b", arg=first, timeout=20_000
    )
    assert page.locator(tid("stop")).is_enabled()
    t1 = time.monotonic()
    page.evaluate("1 + 1")
    assert time.monotonic() - t1 < 1.0
    wait_status(page, "error", timeout=240_000)
    seconds = time.monotonic() - t0
    assert status(page) == "error at line 3: not enough memory"
    console = page.text_content(tid("console"))
    assert console.strip().endswith("error: not enough memory")
    steps = page.evaluate("window.__pylua.snapshot.step")
    report(f"memory bomb under 64 MB: 'not enough memory' after {steps} steps, {seconds:.1f} s")
    app.shot("memory-bomb")
    assert page.locator(tid("run")).is_enabled()
    # the worker goes on: the next program runs (the bomb's session is dropped)
    page.evaluate(
        "(s) => window.__pylua.editor.setSource(s)", "print(collectgarbage('count') < 1024)\n"
    )
    page.click(tid("run"))
    wait_status(page, "finished", timeout=30_000)
    assert page.text_content(tid("console")) == "true\n"
