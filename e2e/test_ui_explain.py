"""The current instruction in words (issue 13, items 12, 13 and 8), in
Chromium against the real debugger in Pyodide: the `explain` strip says what
the next instruction does with its real operands and values and what the
last step did; the registers and upvalues panels mark what it reads and
writes (from the snapshot's instruction.reads/writes, never from opcode
names in JS); hovering a row of the bytecode explains it; names agree."""

from __future__ import annotations

import re
import statistics

import pytest
from e2e_helpers import report, status, tid
from test_playground import LOAD_TIMEOUT, click_and_wait, set_source

PROGRAM = """\
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
local s = 10
for i = 3, 3 do
  s = s + i
end
local t = {1, 2, 3}
return s
"""


@pytest.fixture
def pg(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    set_source(app.page, PROGRAM)
    return app


def explain_next(page) -> str:
    return page.text_content(f"{tid('explain')} .explain-next") or ""


def step_to(page, opcode: str, nth: int = 1, limit: int = 60) -> tuple[str, list]:
    """Steps until the explain strip's next instruction is the nth `opcode`."""
    times = []
    seen = 0
    for _ in range(limit):
        op = page.get_attribute(f"{tid('explain')} .explain-next", "data-opcode")
        if op == opcode:
            seen += 1
            if seen == nth:
                return explain_next(page), times
        if "finished" in status(page) or "error" in status(page):
            break
        times.append(click_and_wait(page, "step"))
    raise AssertionError(f"no {opcode} #{nth} reached")


def did(page) -> str:
    return page.text_content(f"{tid('explain')} .explain-did") or ""


def test_explain_says_each_instruction_with_values(pg):
    page = pg.page
    times = []
    text = explain_next(page)
    assert "Next: CLOSURE (pc 1) R0 := a new closure of function <input:1>; it captures nothing" in text
    text, t = step_to(page, "CALL")
    times += t
    assert re.search(
        r"call R1 function: 0x[0-9a-f]+ \(function <input:1>\) with no arguments; its registers start "
        r"at slot 4: R2 becomes its R0 \(the windows overlap\); 1 result goes to R1",
        text,
    ), text
    text, t = step_to(page, "CLOSURE")
    times += t
    assert "R1 := a new closure of function <input:3>; it captures 'n' from R0 (n) 0 (shared while this frame lives)" in text
    text, t = step_to(page, "RETURN")
    times += t
    assert re.search(r"return 1 value, R1 \(function: 0x[0-9a-f]+\) to the caller", text), text
    assert "its open upvalues closed" in text
    times.append(click_and_wait(page, "step"))
    assert "RETURN (pc 4) did: closed 1 upvalue; returned to main chunk" in did(page)
    text, t = step_to(page, "FORLOOP")
    times += t
    assert "R3 (for index) := 2 + R5 (for step) 1 (step) → 3; 3 <= R4 (for limit) 3 (limit): loop again: R6 (i) := 3, jump back to pc 9" in text
    text, t = step_to(page, "ADD")
    times += t
    assert "R2 (s) := R2 (s) 10 + R6 (i) 3 → 13" in text
    pg.shot("explain-add")
    times.append(click_and_wait(page, "step"))
    assert "ADD (pc 9) did: R2 (s) = 13" in did(page)
    text, t = step_to(page, "SETLIST")
    times += t
    assert re.search(r"store R4\.\.R6 \(1, 2, 3\) into the table R3 table: 0x[0-9a-f]+ at \[1\.\.3\]", text), text
    report(f"explain: {len(times)} steps, median {statistics.median(times):.0f} ms, max {max(times):.0f} ms (Playwright click to label)")


def test_registers_marked_from_reads_and_writes(pg):
    page = pg.page
    step_to(page, "ADD")
    regs = tid("registers")
    # the slots of s (R2) and i (R6) of the main chunk (base 2): 4 and 8
    assert page.get_attribute(f'{regs} tr[data-slot="4"]', "data-effect") == "read write"
    assert page.get_attribute(f'{regs} tr[data-slot="8"]', "data-effect") == "read"
    assert page.get_attribute(f'{regs} tr[data-slot="5"]', "data-effect") is None
    assert "writes" in page.text_content(f'{regs} tr[data-slot="4"] .effect-write')
    # the marks are the snapshot's: they agree with instruction.reads/writes
    ins = page.evaluate("window.__pylua.snapshot.instruction")
    marked = page.evaluate(
        f"""[...document.querySelectorAll('{regs} tr[data-effect]')].map((tr) => [Number(tr.dataset.slot), tr.dataset.effect])"""
    )
    for slot, eff in marked:
        assert ("read" in eff) == (slot in ins["reads"]) and ("write" in eff) == (slot in ins["writes"])
    pg.shot("explain-registers-marked")


def test_upvalue_marked_and_constants_named(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    page = app.page
    set_source(page, "local n = 0\nlocal function inc() n = n + 1 return n end\ninc()\n")
    step_to(page, "GETUPVAL")
    row = f'{tid("upvalues")} tr[data-name="n"]'
    assert page.get_attribute(row, "data-effect") == "read"
    assert "uses K" not in (page.text_content(tid("explain")) or "")
    step_to(page, "ADD")
    assert "uses K0 1" in page.text_content(tid("explain"))
    step_to(page, "SETUPVAL")
    assert page.get_attribute(row, "data-effect") == "write"


def test_hovering_an_opcode_explains_it(pg):
    page = pg.page
    page.click(f'{tid("bytecode")} [role="tab"]:has-text("main chunk")')
    page.hover(f'{tid("bytecode")} tr[data-pc="9"] td.op')
    desc = page.text_content(f'{tid("bytecode")} .opdesc')
    assert "ADD R2 (s) := R2 (s) + R6 (i)" in desc
    page.hover(f'{tid("bytecode")} tr[data-pc="3"] td.op')
    assert "call R1 with no arguments; 1 result goes to R1" in page.text_content(f'{tid("bytecode")} .opdesc')
    pg.shot("explain-hover")


NAMES = """\
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end
local fs = {}
for i = 1, 2 do
  fs[i] = function() return i end
end
local t = {fib = fib}
print(fib(3), fs[1](), t)
"""


def test_names_agree(app):
    """Item 8: one name for a function (tabs and call stack), the loop's
    variable named at its CLOSE, the step counter and the tabs' • explained,
    a table shown by one id."""
    app.goto("/", timeout=LOAD_TIMEOUT)
    page = app.page
    set_source(page, NAMES)
    # the CLOSE at the end of the loop's body names i (its scope just ended)
    step_to(page, "CLOSE")
    closing = page.text_content(f"{tid('upvalues')} .closing")
    assert "R5 (i) 1" in closing and "(temp)" not in closing, closing
    assert "close the open upvalues at or above R5" in explain_next(page)
    # a table: shown by its address (what print shows), not a second id
    summary = page.locator(f'{tid("tables")} details > summary').first
    text = summary.text_content()
    assert text.startswith("table: 0x"), text
    assert not re.search(r"\bt\d+\b", text), text
    # a recursive call: the function's one name, the traceback's beside it
    for _ in range(40):
        if page.locator(f"{tid('callstack')} > li[data-kind='lua']").count() >= 3:
            break
        click_and_wait(page, "step-line")
    inner = page.locator(f"{tid('callstack')} > li").first
    assert inner.locator(".fname").text_content() == "fib (line 1)"
    assert "as upvalue 'fib'" in inner.text_content()
    outer_call = page.locator(f"{tid('callstack')} > li[data-frame='1']")
    assert outer_call.locator(".fname").text_content() == "fib (line 1)"
    assert "as local 'fib'" in outer_call.text_content()
    tab = page.locator(f'{tid("bytecode")} [role="tab"][aria-selected="true"]')
    assert tab.text_content().startswith("fib (line 1)")
    assert "• : it has a frame on the call stack now" in tab.get_attribute("title")
    assert "(function <input:1>)" in tab.get_attribute("title")
    heads = page.locator(f"{tid('registers')} th.frame-col button").all_text_contents()
    assert heads == ["fib (line 1)", "fib (line 1)"], heads
    # the step counter says what "/ N+" means
    title = page.get_attribute("#step-label", "title")
    assert "+ : the program goes on past them" in title, title
    app.shot("explain-names")
