"""The Phone window places and takes real SIP calls (issue 6): the page's
buttons are API calls, and the states it shows are the call's."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from selenium.webdriver.common.by import By

from automation_thread import window_id
from browser import wait_for

MPHONE_TYPE_WORK = 1


def dialog(driver, handle: str):
    return driver.find_element(By.CSS_SELECTOR, f'.window[data-window-id="{window_id(handle)}"]')


def state_text(driver, handle: str) -> str:
    return dialog(driver, handle).find_element(By.CSS_SELECTOR, ".call-state").text


def visible(driver, handle: str, selector: str) -> bool:
    return dialog(driver, handle).find_element(By.CSS_SELECTOR, selector).is_displayed()


def test_calling_the_pager_bot_from_the_page_connects_and_hang_up_ends_it(page, automation):
    # Without a number the dialog opens with the bot's work number and dials nothing.
    handle = automation.call("Messenger.Phone", contact="pager@demo.test", type=MPHONE_TYPE_WORK)
    wait_for("the dialog with the number", lambda: dialog(page, handle).find_element(
        By.CSS_SELECTOR, ".phone-number").get_attribute("value") == "+1 555 0100")
    assert state_text(page, handle) == "Not connected"
    dialog(page, handle).find_element(By.CSS_SELECTOR, "button.dial").click()

    wait_for("the call to connect", lambda: state_text(page, handle).startswith("Connected"))
    assert automation.call("Window.get_PhoneCall", handle=handle)["phase"] == "connected"
    assert visible(page, handle, "button.hang-up") and not visible(page, handle, "button.dial")
    main = page.find_element(By.CSS_SELECTOR, '.window[data-kind="main"]')
    wait_for("my status to show the call", lambda: main.find_element(By.CSS_SELECTOR, ".status-label").text == "In a Call")

    dialog(page, handle).find_element(By.CSS_SELECTOR, "button.hang-up").click()
    wait_for("the call to end", lambda: state_text(page, handle) == "Call ended")
    assert automation.call("Window.get_PhoneCall", handle=handle)["error"] is None
    assert visible(page, handle, "button.dial")
    wait_for("my status back", lambda: main.find_element(By.CSS_SELECTOR, ".status-label").text == "Available")


def test_an_unknown_number_shows_the_failure_in_the_dialog(page, automation):
    handle = automation.call("Messenger.Phone", contact="pager@demo.test", type=3, number="+1 999 000 0000")
    wait_for("the failure", lambda: state_text(page, handle) == "Call failed: the number is not in service")
    assert dialog(page, handle).find_element(By.CSS_SELECTOR, ".call-error").text == "MSGR_E_PHONE_INVALID_NUMBER"


def test_an_incoming_call_from_a_sip_phone_rings_in_the_page_and_answer_takes_it(page, automation):
    """SIPp (a SIP phone nobody here wrote) calls me@demo.test through the demo's proxy."""
    sipp = shutil.which("sipp")
    assert sipp, "sipp is not installed (scripts/install-test-peers.sh installs sip-tester)"
    sip_port = os.environ["SIP_PORT"]
    with tempfile.TemporaryDirectory() as work:
        # The uac scenario: INVITE, wait for 200, ACK, hold the call 3 s, BYE.
        caller = subprocess.Popen(
            [sipp, "-sn", "uac", f"127.0.0.1:{sip_port}", "-s", "me", "-m", "1", "-d", "3000",
             "-i", "127.0.0.1", "-p", "0", "-timeout", "60", "-nostdin", "-trace_err"],
            cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            banner = wait_for("the incoming call", lambda: next(
                (b for b in page.find_elements(By.CSS_SELECTOR, ".incoming-banner") if b.is_displayed()), None))
            frame = banner.find_element(By.XPATH, './ancestor::section[@data-window-id]')
            assert frame.get_attribute("data-kind") == "phone"
            handle = f'window:{frame.get_attribute("data-window-id")}'
            assert state_text(page, handle) == "Incoming call"
            assert visible(page, handle, "button.answer") and visible(page, handle, "button.decline")
            dialog(page, handle).find_element(By.CSS_SELECTOR, "button.answer").click()
            wait_for("the call to connect", lambda: state_text(page, handle).startswith("Connected"))
            # SIPp hangs up after its 3 s pause.
            wait_for("the caller to hang up", lambda: state_text(page, handle) == "Call ended")
            assert caller.wait(timeout=30) == 0
        finally:
            if caller.poll() is None:
                caller.kill()
                caller.wait()
