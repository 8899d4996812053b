"""Browser tests of the playground: pytest + pytest-playwright, driving
Debian's Chromium (/usr/bin/chromium) headless.

A session-scoped fixture builds the playground (scripts/build-web) and serves
it on a free port of 127.0.0.1; every test fails if the page asks any other
host for anything.  Screenshots go to e2e/screenshots/ (gitignored).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, REPORT, SHOTS, wait_status

ROOT = Path(__file__).resolve().parent.parent
HAVE_PLAYWRIGHT = importlib.util.find_spec("pytest_playwright") is not None
HAVE_CHROMIUM = Path(CHROMIUM).exists()
BROWSER_REASON = None
if not HAVE_PLAYWRIGHT:
    BROWSER_REASON = "pytest-playwright is not installed (pip install -e '.[test]')"
elif not HAVE_CHROMIUM:
    BROWSER_REASON = f"no Chromium at {CHROMIUM} (apt-get install -y chromium)"
elif not shutil.which("npm"):
    BROWSER_REASON = "npm is not installed"

# the browser tests need the page fixture of pytest-playwright; without it
# they are not collected at all (said in the header of the run)
if BROWSER_REASON:
    collect_ignore_glob = [
        "test_ui_*.py",
        "test_playground.py",
        "test_deploy.py",
        "test_a11y.py",
        "test_page_cache.py",
    ]


def pytest_report_header(config):
    if BROWSER_REASON:
        return [f"e2e: browser tests not collected: {BROWSER_REASON}"]
    return [f"e2e: browser {CHROMIUM}"]


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("playground measurements")
        for line in REPORT:
            terminalreporter.write_line(line)


if HAVE_PLAYWRIGHT:

    @pytest.fixture(scope="session")
    def browser_type_launch_args(browser_type_launch_args):
        return {
            **browser_type_launch_args,
            "executable_path": CHROMIUM,
            "headless": True,
            "args": CHROMIUM_ARGS,
        }

    @pytest.fixture(scope="session")
    def browser_context_args(browser_context_args):
        return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


@pytest.fixture(scope="session")
def server():
    """Builds the playground and serves it on 127.0.0.1:<free port>
    (or uses the server at $PYLUA_E2E_URL)."""
    if os.environ.get("PYLUA_E2E_URL"):
        yield os.environ["PYLUA_E2E_URL"].rstrip("/")
        return
    env = {**os.environ, "PYTHON": sys.executable}
    subprocess.run(["bash", str(ROOT / "scripts" / "build-web")], cwd=ROOT, env=env, check=True)
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "serve.py"), "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        url = line.strip().split()[-1]
        assert url.startswith("http://127.0.0.1:"), line
        yield url.rstrip("/")
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def guard(context):
    """Fails the test when anything asks a host other than 127.0.0.1."""
    outside: list[str] = []

    def on_request(request):
        url = request.url
        if url.startswith(("data:", "blob:", "about:")):
            return
        if urlparse(url).hostname != "127.0.0.1":
            outside.append(url)

    context.on("request", on_request)
    yield outside
    assert not outside, f"requests left 127.0.0.1: {outside}"


@pytest.fixture
def app(page, server, guard):
    """The page, with console errors collected; goto(path) opens a page of the playground."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))

    class App:
        def __init__(self):
            self.page = page
            self.server = server
            self.errors = errors

        def goto(self, path="/", ready=True, timeout=60_000):
            t0 = time.monotonic()
            page.goto(server + path)
            if ready:
                wait_status(page, "ready", timeout=timeout)
            return time.monotonic() - t0

        def shot(self, name, full_page=True):
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    yield App()
    assert not errors, f"errors in the page: {errors}"
