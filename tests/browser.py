"""A real browser for the tests: Debian's chromium driven by Playwright's sync API.

No browser is downloaded. Without /usr/bin/chromium the browser tests skip with a message
saying how to install it, unless E2E_REQUIRED=1 (as .ci/run sets), when they fail instead.
The fixtures live in tests/conftest.py, so the whole run shares one browser.
"""

from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def screenshot(page, name: str) -> None:
    """Keep a picture of the page as a test artefact (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
