"""The accessibility check of issue 13: axe-core (npm, pinned in
package.json, injected from node_modules: nothing fetched from elsewhere)
over the main page and the embed, in both themes (the OS setting and the
page's own toggle), reports no serious or critical violation; and every
control of the header and the toolbar is reached by Tab and works from the
keyboard alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_helpers import SHOTS, report, tid, wait_status

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOAD_TIMEOUT = 90_000
CLOSURE = "local count = 10\nlocal t = {1, 2}\nlocal function add(n)\n  count = count + n\n  return count\nend\nprint(add(1))\n"


def axe(page, where):
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async () => {
            const r = await axe.run(document, { resultTypes: ["violations"] });
            return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " :: " + n.failureSummary.split("\\n").slice(0, 3).join(" ")) }));
        }"""
    )
    bad = [v for v in found if v["impact"] in ("serious", "critical")]
    report(f"axe {where}: {len(found)} violations, {len(bad)} serious or critical")
    return bad


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm install)")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_main_page(app, theme):
    page = app.page
    page.emulate_media(color_scheme=theme)
    app.goto("/", timeout=LOAD_TIMEOUT)
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", CLOSURE)
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    page.locator(f"{tid('editor')} [data-bp-line='7']").click()
    page.click(tid("run"))
    wait_status(page, "paused", timeout=60_000)
    page.locator(f"{tid('registers')} {tid('value-open')}").first.click()
    bad = axe(page, f"main page, {theme}")
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {n}" for v in bad for n in v["nodes"])
    # the settings open, the other theme forced by the toggle, the presentation mode
    page.click(f"{tid('settings')} summary")
    page.select_option(tid("theme"), "dark" if theme == "light" else "light")
    page.click(tid("present"))
    bad = axe(page, f"main page, {theme} OS, other theme forced, presentation mode")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"a11y-main-{theme}.png"))
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {n}" for v in bad for n in v["nodes"])


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm install)")
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_axe_embed(app, theme):
    page = app.page
    page.emulate_media(color_scheme=theme)
    app.goto("/embed.html", timeout=LOAD_TIMEOUT)
    page.click(tid("step-line"))
    wait_status(page, "paused", "finished")
    bad = axe(page, f"embed, {theme}")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"a11y-embed-{theme}.png"))
    assert not bad, "\n".join(f"{v['id']} ({v['impact']}): {n}" for v in bad for n in v["nodes"])


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
    # a step by keyboard, then a register's value opens by keyboard
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
