"""Fixtures for the browser tests: the running `msgr demo` described by the
runner's environment (interop/run-web.sh), its automation socket, and one
headless Chromium showing the web UI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "automation"))

from automation_thread import BackgroundLoop, Socket  # noqa: E402
from browser import start_chromium, wait_for  # noqa: E402


def environment(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"the web tests need {name}; run them with interop/run-web.sh")
    return value


@pytest.fixture(scope="session")
def web_url() -> str:
    """http://127.0.0.1:PORT/TOKEN/ as `msgr demo` printed it."""
    return environment("WEB_URL")


@pytest.fixture(scope="session")
def background():
    loop = BackgroundLoop()
    yield loop
    loop.stop()


@pytest.fixture(scope="session")
def socket_path() -> str:
    return environment("AUTOMATION_SOCKET")


@pytest.fixture
def automation(background, socket_path):
    """A fresh automation socket connection; windows a test left open are closed after it."""
    connection = Socket(background, socket_path)
    yield connection
    try:
        for handle in connection.call("Communicator.ListWindows")["items"]:
            if connection.call("Window.get_Kind", handle=handle) != "main":
                connection.call("Window.Close", handle=handle)
    finally:
        connection.close()


@pytest.fixture(scope="session")
def chromium():
    driver = start_chromium(1280, 800)
    yield driver
    driver.quit()


@pytest.fixture
def page(chromium, web_url):
    """The web UI, freshly loaded, once the main window shows the contact list."""
    chromium.get(web_url)
    wait_for("the main window with its contacts", lambda: chromium.find_elements(
        "css selector", '.window[data-kind="main"] [data-contact]'))
    wait_for("the connection indicator to say connected", lambda: chromium.find_element(
        "id", "connection").get_attribute("data-state") == "connected")
    yield chromium
    errors = [entry for entry in chromium.get_log("browser") if entry["level"] == "SEVERE"
              and "favicon" not in entry["message"]]
    assert errors == [], f"the page logged errors: {errors}"
