"""Helpers shared by the e2e tests and their conftest."""

from __future__ import annotations

import os
from pathlib import Path

# the browser the e2e tests and bench/page_*.py drive (docs: PLATFORM.md)
CHROMIUM = os.environ.get("PYLUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

SHOTS = Path(__file__).resolve().parent / "screenshots"
REPORT: list[str] = []  # lines printed at the end of the run (load time, step times)


def report(line: str) -> None:
    REPORT.append(line)


def tid(name: str) -> str:
    return f'[data-testid="{name}"]'


def status(page) -> str:
    return page.text_content('[data-testid="status"]') or ""


def wait_status(page, *words, timeout=30_000):
    """Waits until the status text contains one of `words`."""
    page.wait_for_function(
        """(words) => {
            const t = document.querySelector('[data-testid="status"]').textContent;
            return words.some((w) => t.includes(w));
        }""",
        arg=list(words),
        timeout=timeout,
    )
    return status(page)
