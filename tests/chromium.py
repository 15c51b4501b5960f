"""The system's Chromium driven by Playwright, for the report page's tests and the README's screenshot.

Debian's `chromium` package (`make browser` installs it; `LEDGER_TEST_CHROMIUM` names another
binary), never a browser Playwright downloads. Started headless with no network of its own: no
background requests, updates, sync or QUIC, so that the only request a page makes is its own.

    python tests/chromium.py docs/page.png

writes the README's screenshot: the shipped Istanbul dataset's page as a reader first sees it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only", "--no-default-browser-check",
]  # fmt: skip
# The screenshot's window: a laptop's width, tall enough for the heading, a round's table and the
# first lines of fulfilment in plain words.
SCREENSHOT = {"width": 1100, "height": 1500}


def executable() -> str | None:
    """The Chromium to drive: `LEDGER_TEST_CHROMIUM`, else `chromium` on the PATH."""
    return os.environ.get("LEDGER_TEST_CHROMIUM") or shutil.which("chromium")


@contextmanager
def browser() -> Iterator[Any]:
    """A headless Chromium (a Playwright `Browser`), closed at the end."""
    from playwright.sync_api import sync_playwright

    path = executable()
    if path is None:
        raise RuntimeError("no chromium: `make browser` installs Debian's chromium package")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=path, args=FLAGS)
        try:
            yield launched
        finally:
            launched.close()


def screenshot(chromium: Any, page: Path, png: Path) -> None:
    """A picture of the top of `page` (an HTML file) in `chromium`, written to `png`."""
    tab = chromium.new_page(viewport=SCREENSHOT)
    try:
        tab.goto(page.as_uri())
        tab.screenshot(path=str(png))
    finally:
        tab.close()


def main(png: Path) -> None:
    """Build the Istanbul dataset's page in a scratch ledger and write its screenshot to `png`."""
    from ledger.facade import Ledger

    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch, "ledger.db")
        Ledger.init(database)
        book = Ledger.open(database)
        book.load(Ledger.dataset("istanbul-2025"))
        book.page(Path(scratch, "page.html"), process="istanbul-2025")
        book.close()
        with browser() as chromium:
            screenshot(chromium, Path(scratch, "page.html"), png)
    print(f"Wrote {png}.")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs", "page.png"))
