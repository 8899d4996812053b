"""Redis mode: a Redis script debugged as EVAL runs it, with KEYS and ARGV
from the inputs, a keyspace seeded by the setup commands, the reply as
redis-cli prints it; loaded only when chosen (the Lua mode's start does not
pay for it), from our own origin; stepping back restores the keyspace;
share links carry the mode and the inputs; how it looks at four screen
sizes in both themes."""

from __future__ import annotations

import time
from urllib.parse import urlparse

from e2e_helpers import SHOTS, report, status, tid, wait_status
from test_ui_tables import CONTRAST_JS, VIEWPORTS

LOAD_TIMEOUT = 90_000

RATE_LIMITER = """\
local current = redis.call('INCR', KEYS[1])
if current == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return current
"""


def redis_ready(page, timeout=LOAD_TIMEOUT):
    page.wait_for_function("window.__pylua.redisPhase === 'ready'", timeout=timeout)


def choose_redis(page):
    page.select_option(tid("mode"), "redis")
    redis_ready(page)
    wait_status(page, "ready")


def loaded(page):
    """Waits until the worker's session is the editor's program with the inputs shown."""
    page.wait_for_function(
        """() => { const a = window.__pylua;
            return a.loadedSource === a.editor.getSource()
              && a.loadedInputs === JSON.stringify(['redis', a.redis]); }""",
        timeout=30_000,
    )


def set_script(page, source, keys, argv, setup=""):
    page.evaluate("(s) => window.__pylua.editor.setSource(s)", source)
    for name, text in (("redis-keys", keys), ("redis-argv", argv), ("redis-setup", setup)):
        page.fill(tid(name), text)
    loaded(page)


def key_row(page, key):
    return page.locator(f'{tid("keyspace")} tr[data-key="{key}"]')


def ttl_ms(row) -> int:
    return int(row.get_attribute("data-ttl"))


def reply(page) -> str:
    return page.text_content(tid("reply")) or ""


def run_to_end(page):
    """Run, then wait for the end of THIS run: a snapshot newer than the one
    shown when Run was clicked, finished (or error), with its reply.  (The
    snapshot left from the run before says finished too and has a reply:
    until Run has loaded the program again, it is still the one shown.)"""
    page.evaluate("() => { window.__beforeRun = window.__pylua.snapshot; }")
    page.click(tid("run"))
    page.wait_for_function(
        """() => { const a = window.__pylua, s = a.snapshot;
            if (!s || s === window.__beforeRun || a.running) return false;
            const r = document.querySelector('[data-testid="reply"]').textContent;
            const t = document.querySelector('[data-testid="status"]').textContent;
            return r && !r.includes('has not returned') && (t.includes('finished') || t.includes('error')); }""",
        timeout=30_000,
    )


def step_until(page, predicate_js, button="step", limit=200):
    for _ in range(limit):
        if page.evaluate(predicate_js):
            return
        assert "finished" not in status(page) and "error" not in status(page), status(page)
        before = page.text_content("#step-label")
        page.click(tid(button))
        page.wait_for_function(
            "(b) => document.querySelector('#step-label').textContent !== b", arg=before, timeout=10_000
        )
    raise AssertionError(f"not reached: {predicate_js}")


def test_redis_mode_loads_only_when_chosen_and_only_from_127_0_0_1(app):
    page = app.page
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    seconds = app.goto("/", timeout=LOAD_TIMEOUT)
    lua_ms = page.evaluate("window.__pylua.readyMs")
    info = page.evaluate("window.__pylua.info")
    # Lua mode: nothing of Redis mode was fetched, nor shown
    assert page.locator(tid("mode")).input_value() == "lua"
    assert not [u for u in requests if "/wheels/redis/" in u]
    assert page.locator("section.keyspace-panel").is_hidden()
    assert page.locator("section.redis-panel").is_hidden()
    t0 = time.monotonic()
    choose_redis(page)
    redis_s = time.monotonic() - t0
    rinfo = page.evaluate("window.__pylua.redisInfo")
    wheels = sorted(urlparse(u).path.rsplit("/", 1)[-1] for u in requests if "/wheels/redis/" in u)
    assert [w.split("-")[0] for w in wheels] == ["fakeredis", "redis", "sortedcontainers"], wheels
    assert page.locator("section.keyspace-panel").is_visible()
    # the mode's first look: the rate limiter, with its KEYS and ARGV
    assert "INCR" in page.evaluate("window.__pylua.editor.getSource()")
    assert page.locator(tid("redis-keys")).input_value()
    # every request of the page and its worker went to 127.0.0.1
    outside = [u for u in requests if not u.startswith(("data:", "blob:")) and urlparse(u).hostname != "127.0.0.1"]
    assert not outside, outside
    report(
        f"Lua mode ready in {lua_ms / 1000:.2f} s after scripts start ({seconds:.2f} s from navigation; "
        + ", ".join(f"{k} {v / 1000:.2f} s" for k, v in info["phases"].items())
        + f"); Redis mode then ready in {redis_s:.2f} s after choosing it (worker: install "
        f"{rinfo['phases']['install'] / 1000:.2f} s, start {rinfo['phases']['start'] / 1000:.2f} s); "
        f"{len(requests)} requests, all to 127.0.0.1"
    )


def test_rate_limiter_with_keys_and_argv_from_the_inputs(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    choose_redis(page)
    set_script(page, RATE_LIMITER, "rl:u1", "10")
    page.click(tid("run"))
    wait_status(page, "finished", "error")
    assert "finished" in status(page), status(page)
    assert reply(page) == "(integer) 1"
    row = key_row(page, "rl:u1")
    assert row.get_attribute("data-type") == "string"
    assert ttl_ms(row) == 10000  # (the session's clock stands still)
    assert '"1"' in row.locator("td.value").text_content()
    assert row.locator("td.ttl").text_content().endswith(" s")
    console = page.text_content(tid("console"))
    assert "<redis> INCR rl:u1" in console and "<redis> EXPIRE rl:u1 10" in console, console
    # the setup seeds the keyspace before each run: the counter goes on from 5
    page.fill(tid("redis-setup"), "SET rl:u1 5\nEXPIRE rl:u1 30\nHSET user:1 name Ada")
    page.fill(tid("redis-argv"), "20")
    loaded(page)
    run_to_end(page)
    assert reply(page) == "(integer) 6"
    row = key_row(page, "rl:u1")
    assert '"6"' in row.locator("td.value").text_content()
    assert ttl_ms(row) == 30000  # (no EXPIRE: not the first request)
    assert key_row(page, "user:1").get_attribute("data-type") == "hash"
    assert "EXPIRE" not in page.text_content(tid("console"))
    # and again: the same keyspace, the same reply
    run_to_end(page)
    assert reply(page) == "(integer) 6"
    # KEYS with quotes: a key with a space
    page.fill(tid("redis-setup"), "")
    page.fill(tid("redis-keys"), '"rate limit:u 2"')
    loaded(page)
    page.click(tid("run"))
    wait_status(page, "finished")
    assert key_row(page, "rate limit:u 2").count() == 1
    # a setup line that fails is said under the setup box and over the keyspace
    page.fill(tid("redis-setup"), "SET a 1\nNOSUCHCOMMAND x")
    loaded(page)
    assert page.text_content(tid("redis-setup-error")).startswith("setup: line 2: ")
    assert page.locator(tid("redis-setup")).get_attribute("aria-invalid") == "true"
    assert page.text_content(tid("keyspace-setup-error")).startswith("setup: line 2: ")
    page.fill(tid("redis-setup"), "")
    loaded(page)
    assert page.text_content(tid("redis-setup-error")) == ""
    # an unterminated quote is said, and nothing runs
    page.fill(tid("redis-keys"), '"oops')
    assert "KEYS: unterminated" in page.text_content(tid("redis-args-error"))
    assert "KEYS: unterminated" in status(page)
    assert page.locator(tid("redis-keys")).get_attribute("aria-invalid") == "true"
    app.shot("redis-rate-limiter")


def test_back_across_incr_restores_the_keyspace(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    choose_redis(page)
    set_script(page, RATE_LIMITER, "rl:u1", "10")
    has_key = "document.querySelector('[data-testid=\"keyspace\"] tr[data-key=\"rl:u1\"]') !== null"
    step_until(page, has_key)
    row = key_row(page, "rl:u1")
    assert row.get_attribute("data-changed") == "true"  # the INCR of this step made it
    assert row.get_attribute("data-ttl") == "-1"  # (EXPIRE has not run yet)
    assert page.locator(f'{tid("keyspace")} tr.changed').count() == 1
    page.click(tid("back"))
    page.wait_for_function(f"!({has_key})")
    assert page.locator(f'{tid("keyspace")} tr[data-key]').count() == 0
    # forward again, then on to the end, and back across the INCR once more
    page.click(tid("step"))
    page.wait_for_function(has_key)
    page.click(tid("run"))
    wait_status(page, "finished")
    assert ttl_ms(key_row(page, "rl:u1")) == 10000
    for _ in range(6):  # back a line at a time, to line 1 (before the INCR)
        before = page.text_content("#step-label")
        page.click(tid("back-line"))
        page.wait_for_function(
            "(b) => document.querySelector('#step-label').textContent !== b", arg=before
        )
        if page.evaluate("window.__pylua.snapshot.line") == 1:
            break
    assert page.evaluate("window.__pylua.snapshot.line") == 1
    page.wait_for_function(f"!({has_key})", timeout=10_000)
    # with a value already there: back across the INCR gives the old value
    set_script(page, RATE_LIMITER, "rl:u1", "10", setup="SET rl:u1 41")
    assert '"41"' in key_row(page, "rl:u1").locator("td.value").text_content()
    changed = "document.querySelector('[data-testid=\"keyspace\"] tr[data-key=\"rl:u1\"].changed') !== null"
    step_until(page, changed)
    assert '"42"' in key_row(page, "rl:u1").locator("td.value").text_content()
    page.click(tid("back"))
    page.wait_for_function(
        """document.querySelector('[data-testid="keyspace"] tr[data-key="rl:u1"] td.value')
             .textContent.includes('"41"')"""
    )
    # (the row is marked: going back changed it)
    assert key_row(page, "rl:u1").get_attribute("data-changed") == "true"


def test_a_share_link_restores_mode_keys_args_and_setup(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    choose_redis(page)
    setup = "SET rl:u1 7\nHSET 'user 1' name \"Ada L\""
    set_script(page, RATE_LIMITER, "rl:u1", '30 "two words"', setup=setup)
    page.locator(f"{tid('editor')} [data-bp-line='2']").click()
    page.click(tid("share"))
    page.wait_for_function("!!window.__pylua.lastShareUrl")
    url = page.evaluate("window.__pylua.lastShareUrl")
    assert "mode=redis" in url and "&keys=" in url and "&argv=" in url and "&setup=" in url
    # opened afresh: the mode, the inputs, the breakpoint; the run gives the reply
    other = page.context.new_page()
    t0 = time.monotonic()
    other.goto(url)
    redis_ready(other)
    wait_status(other, "ready")
    seconds = time.monotonic() - t0
    assert other.locator(tid("mode")).input_value() == "redis"
    assert other.locator(tid("redis-keys")).input_value() == "rl:u1"
    assert other.locator(tid("redis-argv")).input_value() == '30 "two words"'
    assert other.locator(tid("redis-setup")).input_value() == setup
    assert other.evaluate("window.__pylua.editor.getSource()") == RATE_LIMITER
    assert other.locator("section.keyspace-panel").is_visible()
    other.click(tid("run"))
    assert "paused at line 2" in wait_status(other, "paused", "finished", "error")
    other.click(tid("run"))
    wait_status(other, "finished")
    assert other.text_content(tid("reply")) == "(integer) 8"
    assert other.locator(f'{tid("keyspace")} tr[data-key="user 1"]').get_attribute("data-type") == "hash"
    # the same link in the embedded view: no inputs there, but the same run
    other.goto(url.replace("/index.html", "/").replace("/#", "/embed.html#"))
    redis_ready(other)
    wait_status(other, "ready")
    other.locator(f"{tid('editor')} [data-bp-line='2']").click()  # (off: run to the end)
    other.click(tid("run"))
    assert "reply: (integer) 8" in wait_status(other, "finished", "error")
    assert "<redis> INCR rl:u1" in other.text_content(tid("console"))
    other.close()
    report(f"a Redis mode share link: ready to run in {seconds:.2f} s from navigation")
    # a link made before Redis mode (code only) opens in Lua mode
    old = app.server + "/#code=" + page.evaluate(
        "() => { const u = window.__pylua.lastShareUrl; return u.slice(u.indexOf('#code=') + 6).split('&')[0]; }"
    )
    third = page.context.new_page()
    third.goto(old)
    wait_status(third, "ready", timeout=LOAD_TIMEOUT)
    assert third.locator(tid("mode")).input_value() == "lua"
    assert third.locator("section.keyspace-panel").is_hidden()
    assert third.evaluate("window.__pylua.redisPhase") == "off"
    third.close()


def test_every_example_runs_and_replies(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    choose_redis(page)
    ids = page.evaluate(
        "[...document.querySelectorAll('[data-testid=\"examples\"] option')].map((o) => o.value).filter(Boolean)"
    )
    assert len(ids) >= 6
    for ex in ids:
        page.select_option(tid("examples"), ex)
        loaded(page)
        assert page.locator(tid("redis-keys")).input_value(), ex
        page.click(tid("run"))
        wait_status(page, "finished", "error")
        assert "finished" in status(page), (ex, status(page), page.text_content(tid("console")))
        assert reply(page).strip() and not reply(page).startswith("(error)"), (ex, reply(page))
        assert "<redis> " in page.text_content(tid("console")), ex
        assert page.locator(f'{tid("keyspace")} [data-testid="keyspace-setup-error"]').count() == 0, ex
        report(f"redis example {ex}: {' '.join(reply(page).split())[:70]}")
    # back to Lua mode: an unchanged example gives way to Lua's default example
    page.select_option(tid("mode"), "lua")
    wait_status(page, "ready")
    assert page.locator("section.keyspace-panel").is_hidden()
    assert "redis.call" not in page.evaluate("window.__pylua.editor.getSource()")
    page.click(tid("run"))
    wait_status(page, "finished")


def test_screenshots_and_contrast(app):
    page = app.page
    app.goto("/", timeout=LOAD_TIMEOUT)
    choose_redis(page)
    page.select_option(tid("examples"), "job-queue")
    loaded(page)
    # paused just after the LMOVE: rows changed by the step, the trace in the console
    step_until(
        page,
        "document.querySelector('[data-testid=\"keyspace\"] tr.changed[data-key=\"queue:processing\"]') !== null"
        " && document.querySelector('[data-testid=\"console\"]').textContent.includes('LMOVE')",
        button="step-line",
    )
    assert page.locator(f'{tid("keyspace")} tr[data-key="queue:pending"]').get_attribute("data-type") == "list"
    assert "not returned" in reply(page)
    SHOTS.mkdir(exist_ok=True)
    ratios = []
    for width, height in VIEWPORTS:
        page.set_viewport_size({"width": width, "height": height})
        for theme in ("light", "dark"):
            page.emulate_media(color_scheme=theme)
            name = f"redis-{width}x{height}-{theme}"
            page.screenshot(path=str(SHOTS / f"{name}.png"))
            page.screenshot(path=str(SHOTS / f"{name}-full.png"), full_page=True)
            for panel in ("keyspace-panel", "redis-panel"):
                page.locator(f"section.{panel}").screenshot(path=str(SHOTS / f"{name}-{panel}.png"))
            for sel in (tid("keyspace"), "section.redis-panel", tid("reply"), tid("console")):
                worst = page.evaluate(CONTRAST_JS, page.locator(sel).element_handle())
                if worst:
                    assert worst[0]["ratio"] >= 4.5, (name, sel, worst)
                    ratios.append(worst[0]["ratio"])
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 2, name
            for panel in ("keyspace-panel", "redis-panel"):
                box = page.locator(f"section.{panel}").bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, panel, box)
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.emulate_media(color_scheme="light")
    page.click(tid("run"))
    wait_status(page, "finished")
    app.shot("redis-job-queue-finished")
    report(f"Redis mode panels: lowest text contrast {min(ratios):.2f}:1 over 4 viewports x 2 themes")
