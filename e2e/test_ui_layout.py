"""Layout of the playground, by bounding boxes (issue 13, items 1, 2, 7, 16
and the polish): the Keys list inside the viewport, the toolbar in view on a
phone, panels that keep their place while stepping, the embed at 400x300,
text contrast in both themes, nothing clipped, the console trimmed at a line,
the editor's focus ring around its gutter."""

from __future__ import annotations

import re

import pytest
from e2e_helpers import SHOTS, report, tid, wait_status
from test_playground import click_and_wait, set_source
from test_ui_tables import CONTRAST_JS, VIEWPORTS

# (disabled controls are exempt from the contrast rule, as WCAG says)
PAGE_CONTRAST_JS = CONTRAST_JS.replace(
    "if (!n.textContent.trim() || !el.getClientRects().length) continue;",
    "if (!n.textContent.trim() || !el.getClientRects().length || el.closest(':disabled')"
    " || getComputedStyle(el).color === 'rgba(0, 0, 0, 0)') continue;",
)
assert PAGE_CONTRAST_JS != CONTRAST_JS

LOAD_TIMEOUT = 90_000

# a call two deep: caller and callee rows in the registers panel
CALLS = """\
local function add(a, b)
  local s = a + b
  return s
end
local function twice(x)
  local y = add(x, x)
  return add(y, y)
end
local t = {}
for i = 1, 3 do t[i] = twice(i) end
print(t[1], t[2], t[3])
"""


@pytest.fixture
def pg(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    return app


def box(page, selector):
    b = page.locator(selector).first.bounding_box()
    assert b, selector
    return b


def inside_viewport(b, width, height):
    return (
        b["x"] >= 0
        and b["y"] >= 0
        and b["x"] + b["width"] <= width + 0.5
        and b["y"] + b["height"] <= height + 0.5
    )


# -- item 1: the Keys list ---------------------------------------------------------


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_keys_list_inside_the_viewport(pg, size):
    page = pg.page
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate("window.scrollTo(0, 0)")
    page.locator(f"{tid('keys-help')} > summary").click()
    dl = page.locator(f"{tid('keys-help')} dl")
    dl.wait_for(state="visible")
    b = dl.bounding_box()
    assert inside_viewport(b, width, height), (size, b)
    # every shortcut readable: none of its terms cut off by the list's box
    for term in dl.locator("dt, dd").all():
        t = term.bounding_box()
        assert t["x"] >= b["x"] - 0.5 and t["x"] + t["width"] <= b["x"] + b["width"] + 0.5, (
            size,
            term.text_content(),
        )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"layout-keys-{width}x{height}.png"))
    page.keyboard.press("Escape")


# -- item 2: the toolbar on a phone ---------------------------------------------------


def test_toolbar_stays_in_view_on_a_phone(pg):
    page = pg.page
    page.set_viewport_size({"width": 390, "height": 844})
    set_source(page, CALLS)
    for _ in range(6):
        click_and_wait(page, "step")
    page.evaluate(
        "document.querySelector('section.registers-panel').scrollIntoView({block: 'start'})"
    )
    page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > 700  # (the registers are far down the page)
    regs = box(page, "section.registers-panel h2")
    assert 0 <= regs["y"] and regs["y"] + regs["height"] <= 844, regs
    for button in ("run", "step", "step-line", "step-over", "back"):
        b = box(page, tid(button))
        assert inside_viewport(b, 390, 844), (button, b)
        # not covered by anything: the button itself is hit there
        hit = page.evaluate(
            "([x, y, id]) => !!document.elementFromPoint(x, y)?.closest(`[data-testid='${id}']`)",
            [b["x"] + b["width"] / 2, b["y"] + b["height"] / 2, button],
        )
        assert hit, button
    # ... and the registers' heading is not under the toolbar
    bar = box(page, "nav.toolbar")
    assert regs["y"] >= bar["y"] + bar["height"] - 1, (regs, bar)
    # the toolbar leaves most of the screen to the panels
    assert bar["height"] <= 844 * 0.25, bar
    before = page.text_content("#step-label")
    page.click(tid("step"), no_wait_after=True)
    page.wait_for_function(
        "(b) => document.querySelector('#step-label').textContent !== b", arg=before
    )
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "layout-phone-registers.png"))


# -- item 7: the panels keep their place -------------------------------------------------


@pytest.mark.parametrize("size", [(1440, 900), (1024, 576), (390, 844)])
def test_panels_do_not_jump_while_stepping(pg, size):
    page = pg.page
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    set_source(page, CALLS)
    names = ["tables-panel", "registers-panel", "upvalues-panel", "stack-panel", "console-panel"]
    tops = {n: set() for n in names}
    for _ in range(16):
        click_and_wait(page, "step")
        page.evaluate("window.scrollTo(0, 0)")
        for n in names:
            tops[n].add(round(box(page, f"section.{n}")["y"]))
    moved = {n: sorted(v) for n, v in tops.items() if len(v) > 1}
    assert not moved, (size, moved)


# -- item 16: the embed ----------------------------------------------------------------


def test_embed_keeps_the_console_in_view_and_shows_registers(app):
    page = app.page
    page.set_viewport_size({"width": 400, "height": 300})
    app.goto("/embed.html", timeout=LOAD_TIMEOUT)
    set_source(page, CALLS)

    def check(name):
        con = box(page, tid("console"))
        assert inside_viewport(con, 400, 300), (name, con)
        assert con["height"] >= 48, (name, con)
        ed = box(page, tid("editor"))
        assert ed["height"] >= 60 and ed["y"] >= 0, (name, ed)
        assert page.evaluate("document.documentElement.scrollHeight") <= 301, name
        assert page.evaluate("document.documentElement.scrollWidth") <= 401, name
        tb = box(page, "nav.toolbar")
        assert inside_viewport(tb, 400, 300), (name, tb)

    check("plain")
    toggle = page.locator(tid("registers-toggle"))
    assert toggle.get_attribute("aria-pressed") == "false"
    assert page.locator(tid("registers")).is_hidden()
    page.click(tid("step-line"))
    wait_status(page, "paused")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    regs = page.locator(tid("registers"))
    regs.wait_for(state="visible")
    assert "R0" in regs.text_content()
    b = regs.bounding_box()
    assert inside_viewport(b, 400, 300) and b["height"] >= 40, b
    check("registers")
    page.click(tid("run"))
    wait_status(page, "finished")
    assert "4\t8\t12" in page.text_content(tid("console"))
    check("finished")
    SHOTS.mkdir(exist_ok=True)
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        page.screenshot(path=str(SHOTS / f"layout-embed-400x300-{theme}.png"))
    toggle.click()
    assert page.locator(tid("registers")).is_hidden()
    check("registers off")


# -- polish: contrast, clipping, the console's trim, the focus ring ----------------------


def test_text_contrast_in_both_themes_at_four_viewports(pg):
    page = pg.page
    set_source(page, CALLS)
    # inside add, called by twice: caller rows, callee rows, a changed value
    for _ in range(40):
        click_and_wait(page, "step")
        if (
            page.locator(f"{tid('registers')} tr.other-frame").count()
            and page.locator(f"{tid('registers')} tr.changed").count()
        ):
            break
    assert page.locator(f"{tid('registers')} tr.other-frame").count()
    assert page.locator(f"{tid('registers')} tr.changed").count()
    SHOTS.mkdir(exist_ok=True)
    lowest = 99.0
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            name = f"layout-{width}x{height}-{theme}"
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(SHOTS / f"{name}.png"))
            page.screenshot(path=str(SHOTS / f"{name}-full.png"), full_page=True)
            for sel in ("main.grid", "nav.toolbar", "header.top", "p.status-line"):
                worst = page.evaluate(PAGE_CONTRAST_JS, page.locator(sel).element_handle())
                if worst:
                    assert worst[0]["ratio"] >= 4.5, (name, sel, worst)
                    lowest = min(lowest, worst[0]["ratio"])
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 2, name
    report(f"layout: lowest text contrast {lowest:.2f}:1 over the page, 4 viewports x 2 themes")


LONG = 'local message = "' + "a long line of source text, " * 8 + '"\nprint(#message)\n'


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)])
def test_bytecode_comments_and_long_source_lines_not_clipped(pg, size):
    page = pg.page
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    set_source(page, LONG)
    # the source: every line's text inside the editor's visible box
    scroller = page.locator(f"{tid('editor')} .cm-scroller")
    sb = scroller.bounding_box()
    assert page.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1", scroller.element_handle())
    for line in page.locator(f"{tid('editor')} .cm-line").all():
        lb = line.bounding_box()
        assert lb["x"] + lb["width"] <= sb["x"] + sb["width"] + 1, (size, lb, sb)
    # the bytecode: the comment column inside the listing's box, no sideways scroll
    listing = page.locator(f"{tid('bytecode')} .listing-scroll")
    assert page.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1", listing.element_handle()), (
        size
    )
    lb = listing.bounding_box()
    comments = page.locator(f"{tid('bytecode')} td.comment")
    assert comments.count()
    for c in comments.all():
        cb = c.bounding_box()
        assert cb["x"] + cb["width"] <= lb["x"] + lb["width"] + 1, (size, c.text_content())
    assert any(len(c.text_content()) > 60 for c in comments.all())  # (the long string constant)


def test_console_trims_at_a_line_boundary(pg):
    page = pg.page
    set_source(
        page,
        'for i = 1, 4000 do print("line " .. i .. " of the output, padded out to a longer line") end\n',
    )
    page.click(tid("run"))
    wait_status(page, "finished")
    text = page.text_content(tid("console"))
    lines = text.split("\n")
    assert lines[-2] == "line 4000 of the output, padded out to a longer line", lines[-3:]
    note, first = lines[0], lines[1]
    assert re.fullmatch(r"… [\d,]+ earlier bytes not shown", note), note
    assert re.fullmatch(r"line \d+ of the output, padded out to a longer line", first), first
    assert page.locator(f"{tid('console')} .trimmed").count() == 1
    for line in lines[1:-1]:
        assert re.fullmatch(r"line \d+ of the output, padded out to a longer line", line), line


PNG_JS = """async (b64) => {
  const img = new Image();
  img.src = "data:image/png;base64," + b64;
  await img.decode();
  const c = document.createElement("canvas");
  c.width = img.width; c.height = img.height;
  const g = c.getContext("2d");
  g.drawImage(img, 0, 0);
  return Array.from(g.getImageData(0, 0, img.width, img.height).data);
}"""


def test_editor_focus_ring_goes_around_the_gutter(pg):
    import base64

    page = pg.page
    page.set_viewport_size({"width": 1440, "height": 900})
    page.locator(f"{tid('editor')} .cm-content").click()
    focus = page.evaluate(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--focus').trim()"
    )
    rgb = tuple(int(focus[i : i + 2], 16) for i in (1, 3, 5))
    gutter = box(page, f"{tid('editor')} .cm-gutters")
    ed = box(page, tid("editor"))
    # a strip across the gutter's left edge, from outside the editor in
    x0 = int(ed["x"]) - 6
    y0 = int(gutter["y"] + gutter["height"] / 2)
    png = page.screenshot(clip={"x": x0, "y": y0, "width": 16, "height": 1})
    data = page.evaluate(PNG_JS, base64.b64encode(png).decode())
    px = [tuple(data[i : i + 3]) for i in range(0, len(data), 4)]
    near = [p for p in px if sum(abs(a - b) for a, b in zip(p, rgb, strict=True)) < 60]
    assert near, (focus, px)
