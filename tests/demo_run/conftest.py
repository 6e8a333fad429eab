"""The demo as `make demo` runs it: its set-up command, its settings, its error pages."""

import pytest


@pytest.fixture
def demo_settings(settings, tmp_path):
    """The demo's switch on, its logins file in a temporary directory."""
    settings.DEMO = True
    settings.DEMO_LOGINS_FILE = tmp_path / "demo.logins.json"
    return settings
