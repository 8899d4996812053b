# the controls before the editor, in the order Tab reaches them
HEADER_AND_TOOLBAR = [
    "mode",
    "examples",
    "share",
    "run",
    "step",
    "step-line",
    "step-over",
    "step-out",
]


def focused(page) -> str:
    return page.evaluate(
        """() => { const a = document.activeElement;
                   return a.dataset.testid || (a.closest('[data-testid]') || {dataset: {}}).dataset.testid
                          || a.tagName.toLowerCase() + (a.className ? '.' + a.className : ''); }"""
    )


def tab_to(page, testid, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == testid:
            return
    raise AssertionError(f"Tab never reached {testid}")


def test_every_control_by_keyboard_alone(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    page.locator("body").click(position={"x": 2, "y": 2})
    seen = []
    for _ in range(30):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == "editor":
            break
    for want in [*HEADER_AND_TOOLBAR, "settings", "timeline"]:
        assert want in seen, (want, seen)
    assert seen.index("run") < seen.index("step") < seen.index("step-over")
    # the settings by keyboard: open, text size, theme, presentation mode
    page.locator("body").click(position={"x": 2, "y": 2})
    tab_to(page, "settings")
    page.keyboard.press("Enter")
    assert page.locator(f"{tid('settings')}[open]").count() == 1
    tab_to(page, "font-larger")
    page.keyboard.press("Enter")
    assert page.evaluate("Number(getComputedStyle(document.body).zoom)") == 1.1
    page.keyboard.press("Shift+Tab")
    assert focused(page) == "font-smaller"
    page.keyboard.press("Space")
    assert page.evaluate("Number(getComputedStyle(document.body).zoom)") == 1
    tab_to(page, "theme")
    page.keyboard.press("ArrowDown")  # auto -> light
    page.keyboard.press("ArrowDown")  # light -> dark
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    tab_to(page, "present")
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.classList.contains('present')")
    page.keyboard.press("Enter")
    assert not page.evaluate("document.body.classList.contains('present')")
    # a step by keyboard, then the registers' values open by keyboard
    page.locator("body").click(position={"x": 2, "y": 2})
    tab_to(page, "step")
    page.keyboard.press("Enter")
    wait_status(page, "paused")
    for _ in range(12):
        page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('[data-testid=registers] [data-testid=value-open]') !== null"
    )
    button = page.locator(f"{tid('registers')} {tid('value-open')}").first
    button.focus()
    page.keyboard.press("Enter")
    closure = button.get_attribute("aria-expanded")
    assert closure in (None, "true"), closure  # a table jumps (no aria-expanded), a closure opens
    # after the editor, Tab goes on through the panels (the console is focusable)
    page.focus(tid("console"))
    page.keyboard.press("Tab")
    assert focused(page) != "console"
