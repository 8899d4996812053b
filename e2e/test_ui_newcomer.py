"""Issue 13, tried as a newcomer: Tab does not trap keyboard users in the
editor, a syntax error shows as one types, an edit while paused says what
it does, edits survive a reload, the first screen explains, finished /
running / error are said, a chunk's return values are shown."""

from __future__ import annotations

import pytest
from e2e_helpers import status, tid, wait_status

LOAD_TIMEOUT = 90_000
DEFAULT_SOURCE = "window.__pylua.editor.getSource()"


@pytest.fixture
def pg(app):
    app.goto("/", timeout=LOAD_TIMEOUT)
    return app


def set_source(page, source: str, loaded=True) -> None:
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", source)
    if loaded:
        page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")


def press_step(page, button="step") -> None:
    before = page.text_content("#step-label")
    page.click(tid(button))
    page.wait_for_function("(b) => document.querySelector('#step-label').textContent !== b", arg=before)


def focus_in_editor(page) -> bool:
    return page.evaluate("!!document.activeElement && !!document.activeElement.closest('.cm-editor')")


# --- item 3: Tab ---------------------------------------------------------------


def test_tabbing_through_the_page_never_edits_the_program(pg):
    page = pg.page
    before = page.evaluate(DEFAULT_SOURCE)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    inside = []
    hints = []
    for _ in range(40):
        page.keyboard.press("Tab")
        inside.append(focus_in_editor(page))
        if inside[-1]:
            hint = page.locator(f"{tid('editor-hint')}:visible")
            hints.append(hint.text_content() if hint.count() else "")
    assert page.evaluate(DEFAULT_SOURCE) == before
    assert "edited" not in status(page)
    assert any(inside), "Tab never reached the editor"
    first = inside.index(True)
    assert inside[first + 1] is False, "the next Tab stayed in the editor"
    # the way out is shown, not only in an aria-label
    assert all("Tab moves on" in h for h in hints), hints
    pg.shot("newcomer-tab-hint", full_page=False)


def test_enter_edits_then_tab_indents_and_esc_leaves(pg):
    page = pg.page
    set_source(page, "x = 1\n")
    page.evaluate("document.querySelector('.cm-content').focus()")
    assert "Tab moves on" in page.text_content(tid("editor-hint"))
    page.keyboard.press("Enter")  # edit mode: Enter only enters it
    assert page.evaluate(DEFAULT_SOURCE) == "x = 1\n"
    assert "Tab indents" in page.text_content(tid("editor-hint"))
    page.keyboard.press("Tab")
    assert page.evaluate(DEFAULT_SOURCE) != "x = 1\n"
    assert focus_in_editor(page)
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert not focus_in_editor(page)


# --- item 4: a syntax error as one types -----------------------------------------


def test_syntax_error_shows_while_typing_and_fits_the_editor(pg):
    page = pg.page
    set_source(page, "print(1)\n")
    page.click(f"{tid('editor')} .cm-content")
    page.keyboard.press("Control+End")
    # a message longer than the editor is wide, with no space to break at
    page.keyboard.type("foo " + "a_long_identifier_" * 16)
    # no Step, no Run: the compile in the worker shows it
    text = wait_status(page, "error at line", timeout=10_000)
    assert "'=' expected near 'a_long_identifier_" in text
    msg = page.locator(f"{tid('editor')} .cm-error-message")
    msg.wait_for()
    box = msg.bounding_box()
    scroller = page.locator(f"{tid('editor')} .cm-scroller").bounding_box()
    assert box["x"] + box["width"] <= scroller["x"] + scroller["width"] + 1, (box, scroller)
    assert page.evaluate("(e) => e.scrollWidth <= e.clientWidth + 1", msg.element_handle())
    pg.shot("newcomer-syntax-error", full_page=False)


# --- item 5: an edit while paused ---------------------------------------------------


def test_edit_while_paused_says_the_session_restarts(pg):
    page = pg.page
    set_source(page, "local a = 1\nlocal b = 2\nprint(a + b)\n")
    for _ in range(3):
        press_step(page)
    page.click(f"{tid('editor')} .cm-content")
    page.keyboard.press("Control+End")
    page.keyboard.type("-- more\n")
    text = status(page)
    assert "edited at step 3" in text and "step 0" in text and "Ctrl+Z" in text, text
    page.wait_for_function("window.__pylua.loadedSource === window.__pylua.editor.getSource()")
    assert "Ctrl+Z" in status(page)  # still said once the new session is loaded
    press_step(page)
    assert "Ctrl+Z" not in status(page)


# --- item 6: edits kept ------------------------------------------------------------------


def test_edits_survive_a_reload(pg):
    page = pg.page
    src = "-- mine\nprint('kept')\n"
    set_source(page, src)
    page.wait_for_timeout(400)  # (the autosave is debounced)
    pg.goto("/", timeout=LOAD_TIMEOUT)
    assert page.evaluate(DEFAULT_SOURCE) == src


def test_a_shared_link_keeps_the_users_edits_and_says_so(pg):
    page = pg.page
    set_source(page, "print('shared')\n")
    page.click(tid("share"))
    page.wait_for_function("!!window.__pylua.lastShareUrl")
    url = page.evaluate("window.__pylua.lastShareUrl")
    path = url[url.index("/", len("http://")) :]
    pg.goto(path, timeout=LOAD_TIMEOUT)
    assert page.evaluate(DEFAULT_SOURCE) == "print('shared')\n"
    set_source(page, "print('shared, then edited')\n")
    page.wait_for_timeout(400)
    page.reload()
    wait_status(page, "ready", timeout=LOAD_TIMEOUT)
    assert page.evaluate(DEFAULT_SOURCE) == "print('shared, then edited')\n"
    assert "edits of this shared link" in page.text_content("#share-note")
    pg.shot("newcomer-shared-link-restored", full_page=False)
    page.click(tid("shared-version"))
    assert page.evaluate(DEFAULT_SOURCE) == "print('shared')\n"


# --- item 9: the first screen ------------------------------------------------------------


def test_first_screen_explains(pg):
    page = pg.page
    page.wait_for_function("window.__pylua.snapshot && window.__pylua.snapshot.step === 0")
    assert "press Step" in status(page)
    current = page.locator(f"{tid('editor')} .cm-current-step")
    assert not current.text_content().strip().startswith("end"), current.text_content()
    buttons = page.evaluate(
        """() => [...document.querySelectorAll('nav.toolbar button')].map((b) => {
            const visible = [...b.childNodes].filter((n) => !(n.nodeType === 1 && n.getAttribute('aria-hidden') === 'true'))
                .map((n) => n.textContent).join('').trim();
            return {id: b.dataset.testid, title: b.title, name: b.getAttribute('aria-label') || '',
                    keys: b.getAttribute('aria-keyshortcuts') || '', visible};
        })"""
    )
    assert len(buttons) >= 9
    for b in buttons:
        assert b["title"], b
        assert b["visible"].lower() in b["name"].lower(), b
        if b["keys"]:
            key = b["keys"].split()[0].replace("ArrowRight", "Right").replace("ArrowLeft", "Left")
            assert key in b["title"], b
    pg.shot("newcomer-first-screen", full_page=False)


# --- item 10: finished, running, error, the examples menu ----------------------------------


def test_step_after_finished_says_so(pg):
    page = pg.page
    set_source(page, "print(1)\n")
    page.click(tid("run"))
    wait_status(page, "finished")
    page.click(tid("step"))
    wait_status(page, "has finished", timeout=5_000)
    assert "Run or Restart" in status(page)


def test_panels_say_they_are_stale_while_running(pg):
    page = pg.page
    set_source(page, "local n = 0\nwhile true do n = n + 1 end\n")
    press_step(page)
    page.click(tid("run"))
    wait_status(page, "running")
    grid = page.locator("main.grid")
    assert "stale" in grid.get_attribute("class")
    assert grid.get_attribute("aria-busy") == "true"
    pg.shot("newcomer-running-stale", full_page=False)
    page.click(tid("stop"))
    wait_status(page, "paused", "stopped")
    assert "stale" not in (grid.get_attribute("class") or "")


def test_runtime_error_ends_the_main_thread(pg):
    page = pg.page
    set_source(page, "local t = nil\nprint(t.x)\n")
    page.click(tid("run"))
    text = wait_status(page, "error")
    main = page.locator(f'{tid("coroutines")} li[data-coroutine="main"]')
    assert "running" not in main.text_content(), main.text_content()
    # the status says the line once (Polish: not "at line 2: input:2: ...")
    assert "input:2:" not in text and "at line 2" in text, text


def test_examples_menu_forgets_the_example_after_other_code(pg):
    page = pg.page
    page.select_option(tid("examples"), "hello")
    page.wait_for_function("window.__pylua.editor.getSource().includes('Hello from Lua')")
    assert page.eval_on_selector(tid("examples"), "s => s.value") == "hello"
    set_source(page, "print('mine')\n")
    assert page.eval_on_selector(tid("examples"), "s => s.value") == ""


# --- item 11: a chunk's return values ------------------------------------------------------


def test_chunk_return_values_are_shown(pg):
    page = pg.page
    set_source(page, 'local x = 6 * 7\nreturn x, "done"\n')
    assert not page.locator(tid("reply")).is_visible()
    page.click(tid("run"))
    wait_status(page, "finished")
    reply = page.locator(tid("reply"))
    assert reply.is_visible()
    assert reply.text_content() == '42, "done"'
    assert page.locator("[data-testid='reply']").count() == 1
    pg.shot("newcomer-reply", full_page=False)
