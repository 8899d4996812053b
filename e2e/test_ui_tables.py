"""The tables panel: Lua 5.1's layout of a table (the array part's size and
use, the node vector in index order with collisions and chains), "Show
more" paging through the debugger, and how it reads in both themes at four
screen sizes."""

from __future__ import annotations

import pytest
from e2e_helpers import SHOTS, report, status, tid, wait_status

LOAD_TIMEOUT = 90_000

# verified against lua5.1: pairs(t) gives id, name, age, red (the node order)
PROGRAM = """\
local big = {}
for i = 1, 10000 do big[i] = i end
local t = {}
t.name = 1
t.age = 2
t.id = 3
t.red = 4
for k, v in pairs(t) do print(k, v) end
"""

VIEWPORTS = [(1440, 900), (1280, 720), (1024, 576), (390, 844)]

# every text in the panel against the background it is drawn on (WCAG)
CONTRAST_JS = """(root) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) layers.push(c);
      if (c && c.a === 1) break;
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    for (const c of layers.reverse()) bg = over(c, bg);
    return bg;
  };
  const worst = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || !el.getClientRects().length) continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const bg = background(el);
    let fg = parse(getComputedStyle(el).color);
    fg = over({ ...fg, a: fg.a * opacity }, bg);
    const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    worst.push({ ratio, text: n.textContent.trim().slice(0, 30), cls: el.className });
  }
  worst.sort((a, b) => a.ratio - b.ratio);
  return worst.slice(0, 5);
}"""


def table_details(page, ref):
    return page.locator(f'{tid("tables")} > details[data-ref="{ref}"]')


def open_table(page, ref):
    d = table_details(page, ref)
    if d.get_attribute("open") is None:
        d.locator("> summary").click()
    return d


def node_rows(details):
    rows = details.locator(tid("table-node"))
    return [
        {
            "index": rows.nth(i).get_attribute("data-index"),
            "state": rows.nth(i).get_attribute("data-state"),
            "main": rows.nth(i).get_attribute("data-main"),
            "next": rows.nth(i).get_attribute("data-next"),
            "key": rows.nth(i).locator("td.key").text_content()
            if rows.nth(i).locator("td.key").count()
            else None,
            "text": rows.nth(i).text_content(),
        }
        for i in range(rows.count())
    ]


def check_contrast(page, where):
    worst = page.evaluate(CONTRAST_JS, page.locator(tid("tables")).element_handle())
    assert worst and worst[0]["ratio"] >= 4.5, (where, worst)
    return worst[0]["ratio"]


# -- the real debugger -------------------------------------------------------------


@pytest.fixture
def at_pairs(app):
    """The playground paused at the pairs loop of PROGRAM (line 8)."""
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", PROGRAM)
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    page.locator(f"{tid('editor')} [data-bp-line='8']").click()
    page.click(tid("run"))
    assert "paused at line 8" in wait_status(page, "paused", "finished", "error", timeout=60_000)
    return app


def test_a_big_array_part_and_show_more(at_pairs):
    app = at_pairs
    page = app.page
    big = open_table(page, "t1")
    assert "big" in big.locator("> summary").text_content()
    summary = big.locator(tid("table-array-summary")).text_content()
    assert "size 16384" in summary and "10000 used" in summary, summary
    assert "no nodes" in big.locator(tid("table-hash-summary")).text_content()
    slots = big.locator("tr.arr")
    assert slots.count() == 100
    more = big.locator(".more-row")
    assert "16284 more slots (9900 used)" in more.text_content()
    # the next page comes from the debugger
    t0 = page.evaluate("performance.now()")
    big.locator(tid("table-show-more")).click()
    page.wait_for_function(
        'document.querySelectorAll(\'[data-testid="tables"] > details[data-ref="t1"] tr.arr\').length === 200'
    )
    ms = page.evaluate("performance.now()") - t0
    report(f"tables: 'Show more' (100 slots of a 16384-slot array part) answered in {ms:.0f} ms")
    assert big.locator('tr.arr[data-slot="101"] td').text_content() == "101"
    assert big.locator('tr.arr[data-slot="200"] td').text_content() == "200"
    assert "16184 more slots (9800 used)" in big.locator(".more-row").text_content()
    # the keyboard focus stays on "Show more"
    assert page.evaluate("document.activeElement.dataset.testid") == "table-show-more"
    # a step: the panel shows the new step's snapshot and fetches the 200 again
    before = page.text_content("#step-label")
    page.click(tid("step"))
    page.wait_for_function(
        "(b) => document.querySelector('#step-label').textContent !== b", arg=before
    )
    page.wait_for_function(
        'document.querySelectorAll(\'[data-testid="tables"] > details[data-ref="t1"] tr.arr\').length === 200'
    )
    assert big.locator('tr.arr[data-slot="200"] td').text_content() == "200"
    # near the end: slots 9901.. hold values, then nil up to the size
    page.evaluate(
        """() => { const v = window.__pylua.tablesView; v.want.set('t1:array', 10100);
                   window.__pylua.actions.showTable('t1'); }"""
    )
    page.wait_for_function(
        'document.querySelectorAll(\'[data-testid="tables"] > details[data-ref="t1"] tr.arr\').length === 10100',
        timeout=30_000,
    )
    assert big.locator('tr.arr[data-slot="10000"] td').text_content() == "10000"
    assert big.locator('tr.arr[data-slot="10001"] td').text_content() == "nil"
    assert "6284 more slots (0 used)" in big.locator(".more-row").text_content()
    assert not app.errors


def test_nodes_in_index_order_with_a_collision_chain(at_pairs):
    app = at_pairs
    page = app.page
    t = open_table(page, "t2")
    summary = t.locator(tid("table-hash-summary")).text_content()
    assert "4 nodes (4 live, 0 dead, 0 free)" in summary, summary
    assert "free pointer at node 1" in summary
    assert "size 0, 0 used" in t.locator(tid("table-array-summary")).text_content()
    nodes = node_rows(t)
    assert [(n["index"], n["key"], n["main"], n["next"]) for n in nodes] == [
        ("0", "id", "0", None),
        ("1", "name", "2", None),  # collided at node 2: main position shown
        ("2", "age", "2", "1"),  # its chain goes on to node 1
        ("3", "red", "3", None),
    ]
    assert "main 2" in nodes[1]["text"] and "main" not in nodes[0]["text"]
    assert "→ 1" in nodes[2]["text"]
    assert t.locator("tr.lastfree").get_attribute("data-index") == "1"
    assert "lastfree" in nodes[1]["text"]
    # hovering a node marks its chain: the nodes whose main position is its own
    t.locator(f'{tid("table-node")}[data-index="2"]').hover()
    assert [r.get_attribute("data-index") for r in t.locator("tr.in-chain").all()] == ["1", "2"]
    app.shot("tables-runtime-nodes")
    t.locator(f'{tid("table-node")}[data-index="3"]').hover()
    assert [r.get_attribute("data-index") for r in t.locator("tr.in-chain").all()] == ["3"]
    # pairs goes in node order (the loop is on the breakpoint's line: off first)
    page.locator(f"{tid('editor')} [data-bp-line='8']").click()
    page.click(tid("run"))
    wait_status(page, "finished")
    printed = [line.split("\t")[0] for line in page.text_content(tid("console")).splitlines()]
    assert printed == [n["key"] for n in nodes]


def test_screenshots_and_contrast(at_pairs, browser):
    app = at_pairs
    page = app.page
    open_table(page, "t1").locator(tid("table-show-more")).click()
    page.wait_for_function(
        'document.querySelectorAll(\'[data-testid="tables"] > details[data-ref="t1"] tr.arr\').length === 200'
    )
    open_table(page, "t2")
    SHOTS.mkdir(exist_ok=True)
    ratios = []
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            panel = page.locator("section.tables-panel")
            panel.scroll_into_view_if_needed()
            name = f"tables-{width}x{height}-{theme}"
            page.screenshot(path=str(SHOTS / f"{name}.png"))
            panel.screenshot(path=str(SHOTS / f"{name}-panel.png"))
            ratios.append(check_contrast(page, name))
            # nothing sticks out of the page sideways
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 2, name
            box = panel.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, box)
    report(f"tables panel: lowest text contrast {min(ratios):.2f}:1 over 4 viewports x 2 themes")


# -- a recorded session: no debugger to page with ----------------------------------


def test_fixture_mode_shows_the_layout_and_says_it_cannot_page(app):
    page = app.page
    app.goto("/?fixture=tables")
    page.click(tid("run"))
    wait_status(page, "paused")
    assert "line 9" in status(page)
    big = open_table(page, "t1")
    assert "10000 used" in big.locator(tid("table-array-summary")).text_content()
    assert big.locator("tr.arr").count() == 100
    assert big.locator(tid("table-show-more")).count() == 0
    assert "first 100" in big.locator(tid("table-more-unavailable")).text_content()
    t = open_table(page, "t2")
    assert "4 nodes (3 live, 1 dead, 0 free)" in t.locator(tid("table-hash-summary")).text_content()
    nodes = node_rows(t)
    assert [(n["key"], n["state"]) for n in nodes] == [
        ("id", "live"),
        ("name", "live"),
        ("age", "dead"),
        ("red", "live"),
    ]
    assert "dead" in nodes[2]["text"] and "→ 1" in nodes[2]["text"]
    app.shot("tables-fixture-dead-key")
    # closing a part is kept across redraws (selecting a frame redraws)
    t.locator(f"details.part:has({tid('table-hash-summary')}) > summary").click()
    page.locator(f"{tid('callstack')} > li[data-frame='0'] button").click()
    hash_part = table_details(page, "t2").locator(f"details.part:has({tid('table-hash-summary')})")
    assert hash_part.get_attribute("open") is None
    for theme in ("light", "dark"):
        page.emulate_media(color_scheme=theme)
        check_contrast(page, f"fixture {theme}")
    app.shot("tables-fixture")
