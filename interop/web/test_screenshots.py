"""Screenshots for the README and CI artifacts (docs/screenshots/), taken at
1280×800 from the live demo: the main window, a conversation, the phone dialog."""

from __future__ import annotations

import os
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from automation_thread import window_id
from browser import wait_for, window_box

SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "docs" / "screenshots"))
MPHONE_TYPE_WORK = 1


def place(automation, page, handle: str, geometry: tuple[int, int, int, int]) -> None:
    for name, value in zip(("Left", "Top", "Width", "Height"), geometry):
        automation.call(f"Window.put_{name}", handle=handle, value=value)
    wait_for(f"{handle} placed", lambda: window_box(page, window_id(handle)) == geometry)


def save(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # Nothing focused or hovered: a calm picture.
    page.execute_script("document.activeElement?.blur()")
    path = SCREENSHOTS / name
    assert page.save_screenshot(str(path)), path
    assert path.stat().st_size > 10_000, f"{path} is suspiciously small"


def test_screenshots(page, automation):

    save(page, "main-window.png")

    conversation = automation.call("Messenger.InstantMessage", contact="echo@demo.test")
    place(automation, page, conversation, (400, 40, 480, 440))
    box = page.find_element(By.CSS_SELECTOR, f'.window[data-window-id="{window_id(conversation)}"] .sendbox textarea')
    transcript = page.find_element(By.CSS_SELECTOR, f'.window[data-window-id="{window_id(conversation)}"] .transcript')
    for line in ("Hi Echo — is the web UI working?", "Windows move when a script says so."):
        box.send_keys(line, Keys.ENTER)
        wait_for("the echo", lambda line=line: f"You said: \u201c{line}\u201d" in transcript.text)
    save(page, "conversation.png")

    phone = automation.call("Messenger.Phone", contact="pager@demo.test", type=MPHONE_TYPE_WORK, number="+1 555 0100")
    place(automation, page, phone, (620, 300, 380, 260))
    wait_for("the number in the phone dialog", lambda: page.find_element(
        By.CSS_SELECTOR, f'.window[data-window-id="{window_id(phone)}"] .phone-number').get_attribute("value")
        == "+1 555 0100")
    save(page, "phone-dialog.png")
