"""The page survives a client restart: run by interop/run-web.sh as its own
pytest step (the file name keeps it out of the main suite), in step with
the runner through files in $RESTART_DIR:

  1. the test loads the page, waits until it is connected, writes `page-ready`;
  2. the runner stops `msgr demo` with Ctrl-C (checking exit status 0) and writes `demo-stopped`;
  3. the test sees the page report the lost connection, writes `saw-disconnect`;
  4. the runner starts the demo again on the same data folder and ports;
  5. the test sees the same page, never reloaded, connect again and show
     a window the restarted client opens."""

from __future__ import annotations

import os
import time
from pathlib import Path

from automation_thread import Socket, window_id
from browser import wait_for

RESTART_DIR = Path(os.environ.get("RESTART_DIR", "/nonexistent"))


def signal(name: str) -> None:
    (RESTART_DIR / name).write_text("")


def await_signal(name: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not (RESTART_DIR / name).exists():
        assert time.monotonic() < deadline, f"the runner never wrote {name}"
        time.sleep(0.1)


def connection_state(driver) -> str:
    return driver.find_element("id", "connection").get_attribute("data-state")


def test_page_reconnects_after_the_client_restarts(chromium, web_url, background, socket_path):
    assert RESTART_DIR.is_dir(), "run this step through interop/run-web.sh"
    chromium.get(web_url)
    wait_for("the page to connect", lambda: connection_state(chromium) == "connected")
    # A mark on this very document: a reload would lose it.
    chromium.execute_script("window.__beforeRestart = true;")
    signal("page-ready")

    await_signal("demo-stopped")
    wait_for("the page to notice the client went away", lambda: connection_state(chromium) != "connected")
    assert "Disconnected" in chromium.find_element("id", "connection").text
    signal("saw-disconnect")

    # Backoff is at most 10 s between attempts; the demo needs a few seconds to start.
    wait_for("the page to connect to the restarted client",
             lambda: connection_state(chromium) == "connected", timeout=90)
    assert chromium.execute_script("return window.__beforeRestart === true;"), "the page was reloaded"

    restarted = Socket(background, socket_path)
    try:
        handle = restarted.call("Messenger.InstantMessage", contact="echo@demo.test")
        wait_for("the restarted client's window in the page", lambda: chromium.find_elements(
            "css selector", f'.window[data-window-id="{window_id(handle)}"][data-kind="conversation"]'))
        restarted.call("Window.Close", handle=handle)
    finally:
        restarted.close()
