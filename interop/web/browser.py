"""Headless Chromium (Debian's chromium + chromium-driver) through selenium,
with the viewport fixed to an exact size, and small polling helpers."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TypeVar

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webdriver import WebDriver

T = TypeVar("T")

# Debian's paths; set CHROMIUM / CHROMEDRIVER to use others. Giving both
# keeps selenium from trying to download a browser of its own.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT = 10.0


def start_chromium(width: int = 1280, height: int = 800) -> WebDriver:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--force-device-scale-factor=1", "--hide-scrollbars", "--lang=en-US",
                     f"--window-size={width},{height}"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    set_viewport(driver, width, height)
    return driver


def set_viewport(driver: WebDriver, width: int, height: int) -> None:
    """The page's viewport (not the window with its frame) is exactly width × height."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def wait_for(what: str, probe: Callable[[], T | None], timeout: float = WAIT) -> T:
    """Polls `probe` until it returns something truthy; fails with `what` and the last value."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while True:
        try:
            last = probe()
        except Exception as error:  # noqa: BLE001 - a stale element is just "not yet"
            last = None
            failure = error
        else:
            failure = None
            if last:
                return last
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}; last value {last!r}"
                                 + (f", last error {failure!r}" if failure else ""))
        time.sleep(0.1)


WINDOW_BOX = """
const frame = document.querySelector(`.window[data-window-id="${arguments[0]}"]`);
if (!frame || frame.hidden) return null;
const desktop = document.getElementById("desktop").getBoundingClientRect();
const box = frame.getBoundingClientRect();
return [box.left - desktop.left, box.top - desktop.top, box.width, box.height];
"""


def window_box(driver: WebDriver, window_id: int) -> tuple[float, float, float, float] | None:
    """(left, top, width, height) of a window in CSS px relative to the desktop, or None."""
    box = driver.execute_script(WINDOW_BOX, window_id)
    return tuple(box) if box else None
