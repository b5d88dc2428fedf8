"""The page shows what the client's API state is, and what a person does in
the page is what the API then reports (issue 5)."""

from __future__ import annotations

import uuid

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from automation_thread import window_id
from browser import wait_for, window_box

ONLINE, BUSY = 2, 10
DEMO_CONTACTS = {
    "echo@demo.test": "Echo Bot",
    "moody@demo.test": "Moody Bot",
    "pager@demo.test": "Pager Bot",
}
# The moods moody@demo.test cycles through (MoodyBot.swift).
MOODY_STATUS_TEXTS = {"Available", "Away", "Busy"}  # <show>dnd</show> reads as MISTATUS_BUSY


def contact_row(driver, signin_name: str):
    return driver.find_element(By.CSS_SELECTOR, f'.window[data-kind="main"] [data-contact="{signin_name}"]')


def open_conversation(automation, driver, signin_name: str, geometry: tuple[int, int, int, int]) -> str:
    """Opens a conversation over the socket, places it there, and waits for the page to show it."""
    handle = automation.call("Messenger.InstantMessage", contact=signin_name)
    left, top, width, height = geometry
    automation.call("Window.put_Left", handle=handle, value=left)
    automation.call("Window.put_Top", handle=handle, value=top)
    automation.call("Window.put_Width", handle=handle, value=width)
    automation.call("Window.put_Height", handle=handle, value=height)
    wait_for(f"{handle} at {geometry}", lambda: window_box(driver, window_id(handle)) == geometry)
    return handle


def frame(driver, handle: str):
    return driver.find_element(By.CSS_SELECTOR, f'.window[data-window-id="{window_id(handle)}"]')


def test_main_window_shows_me_and_the_demo_contacts_with_their_status(page):
    main = page.find_element(By.CSS_SELECTOR, '.window[data-kind="main"]')
    assert main.find_element(By.CSS_SELECTOR, ".me-signin").text == "me@demo.test"
    assert main.find_element(By.CSS_SELECTOR, ".status-label").text == "Available"
    for signin_name, friendly_name in DEMO_CONTACTS.items():
        row = contact_row(page, signin_name)
        assert row.find_element(By.CSS_SELECTOR, ".contact-name").text == friendly_name
    assert contact_row(page, "echo@demo.test").find_element(By.CSS_SELECTOR, ".contact-status").text == "Available"
    assert contact_row(page, "pager@demo.test").find_element(By.CSS_SELECTOR, ".contact-status").text == "Available"
    assert contact_row(page, "moody@demo.test").find_element(By.CSS_SELECTOR, ".contact-status").text in MOODY_STATUS_TEXTS
    demo = page.find_element(By.XPATH, '//*[contains(@class,"group")][.//span[@class="group-name" and text()="Demo"]]')
    listed = [row.get_attribute("data-contact") for row in demo.find_elements(By.CSS_SELECTOR, "[data-contact]")]
    assert listed == sorted(DEMO_CONTACTS, key=DEMO_CONTACTS.get)


def test_a_window_opened_over_the_socket_appears_at_the_geometry_set_through_the_api(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (300, 120, 460, 360))
    assert frame(page, handle).get_attribute("data-kind") == "conversation"
    automation.call("Window.put_Left", handle=handle, value=340)
    wait_for("the window to follow put_Left", lambda: window_box(page, window_id(handle)) == (340, 120, 460, 360))


def test_typing_in_the_send_box_delivers_to_echo_and_shows_its_answer(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (300, 80, 460, 380))
    text = f"hello from the page {uuid.uuid4().hex[:8]}"
    box = frame(page, handle).find_element(By.CSS_SELECTOR, ".sendbox textarea")
    box.send_keys(text, Keys.ENTER)
    answer = f"You said: \u201c{text}\u201d"
    transcript = frame(page, handle).find_element(By.CSS_SELECTOR, ".transcript")
    wait_for("echo's answer in the transcript", lambda: answer in transcript.text)
    assert box.get_attribute("value") == ""
    history = automation.call("ConversationWnd.get_History", handle=handle)
    assert text in history and answer in history


def test_markup_in_a_message_is_shown_as_text_never_run(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (300, 80, 460, 380))
    marker = uuid.uuid4().hex[:8]
    markup = f'<img src="x" onerror="document.title=\'{marker}\'"><b>bold {marker}</b>'
    automation.call("ConversationWnd.SendText", handle=handle, text=markup)
    transcript = frame(page, handle).find_element(By.CSS_SELECTOR, ".transcript")
    wait_for("the markup shown literally", lambda: f"You said: \u201c{markup}\u201d" in transcript.text)
    assert transcript.find_elements(By.CSS_SELECTOR, "img, b") == []
    assert marker not in page.title


def test_shift_enter_is_a_new_line_and_does_not_send(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (300, 80, 460, 380))
    box = frame(page, handle).find_element(By.CSS_SELECTOR, ".sendbox textarea")
    box.send_keys("first line", Keys.SHIFT, Keys.ENTER, Keys.SHIFT, "second line")
    assert box.get_attribute("value") == "first line\nsecond line"
    assert "first line" not in automation.call("ConversationWnd.get_History", handle=handle)


def test_dragging_the_title_bar_moves_the_window_for_the_api(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (200, 100, 420, 320))
    titlebar = frame(page, handle).find_element(By.CSS_SELECTOR, ".titlebar")
    dx, dy = 137, 61
    # Grab the title bar 60 px from its left end, away from the buttons.
    (ActionChains(page)
        .move_to_element_with_offset(titlebar, -titlebar.size["width"] // 2 + 60, 0)
        .click_and_hold()
        .move_by_offset(40, 20)
        .move_by_offset(dx - 40, dy - 20)
        .release()
        .perform())
    wait_for("Window.get_Left/get_Top to report the drop", lambda: (
        automation.call("Window.get_Left", handle=handle), automation.call("Window.get_Top", handle=handle))
        == (200 + dx, 100 + dy))
    assert window_box(page, window_id(handle)) == (200 + dx, 100 + dy, 420, 320)


def test_dragging_the_corner_handle_resizes_the_window_for_the_api(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (200, 100, 420, 320))
    corner = frame(page, handle).find_element(By.CSS_SELECTOR, ".resize-handle")
    ActionChains(page).click_and_hold(corner).move_by_offset(50, 30).release().perform()
    wait_for("Window.get_Width/get_Height to report the new size", lambda: (
        automation.call("Window.get_Width", handle=handle), automation.call("Window.get_Height", handle=handle))
        == (470, 350))


def test_the_close_button_destroys_the_window_for_the_api(page, automation, background, socket_path):
    from automation_thread import Socket
    listener = Socket(background, socket_path)
    try:
        listener.call("Events.Subscribe", names=["OnIMWindowDestroyed"])
        handle = open_conversation(automation, page, "echo@demo.test", (260, 90, 420, 320))
        frame(page, handle).find_element(By.CSS_SELECTOR, ".titlebar .close").click()
        event = listener.event("OnIMWindowDestroyed", lambda params: params.get("window") == handle)
        assert event["window"] == handle
        assert automation.call("Window.get_IsClosed", handle=handle) is True
        wait_for("the window to leave the page", lambda: window_box(page, window_id(handle)) is None
                 and not page.find_elements(By.CSS_SELECTOR, f'.window[data-window-id="{window_id(handle)}"]'))
    finally:
        listener.close()


def test_minimize_moves_the_window_to_the_taskbar_and_clicking_it_restores(page, automation):
    handle = open_conversation(automation, page, "echo@demo.test", (260, 90, 420, 320))
    number = window_id(handle)
    frame(page, handle).find_element(By.CSS_SELECTOR, ".titlebar .minimize").click()
    task = wait_for("a taskbar button", lambda: page.find_element(By.CSS_SELECTOR, f'.task[data-window-id="{number}"]'))
    assert window_box(page, number) is None
    task.click()
    wait_for("the window back at its place", lambda: window_box(page, number) == (260, 90, 420, 320))
    assert not page.find_elements(By.CSS_SELECTOR, f'.task[data-window-id="{number}"]')


def test_the_status_chosen_in_the_menu_is_my_status(page, automation):
    try:
        page.find_element(By.CSS_SELECTOR, ".status-button").click()
        page.find_element(By.CSS_SELECTOR, f'.status-menu [data-status="{BUSY}"]').click()
        wait_for("Messenger.get_MyStatus to be busy", lambda: automation.call("Messenger.get_MyStatus") == BUSY)
        wait_for("the menu button to say Busy",
                 lambda: page.find_element(By.CSS_SELECTOR, ".status-label").text == "Busy")
        # The keyboard path: open with Enter, move with the arrows, choose with Enter.
        button = page.find_element(By.CSS_SELECTOR, ".status-button")
        button.send_keys(Keys.ENTER)
        page.switch_to.active_element.send_keys(Keys.HOME, Keys.ENTER)
        wait_for("Messenger.get_MyStatus to be online", lambda: automation.call("Messenger.get_MyStatus") == ONLINE)
    finally:
        if automation.call("Messenger.get_MyStatus") != ONLINE:
            automation.call("Messenger.put_MyStatus", value=ONLINE)


def test_the_page_window_counts_towards_the_limit_and_refuses_longer_pages(page, automation):
    handle = automation.call("Messenger.Page", contact="pager@demo.test")
    window = wait_for("the page window", lambda: frame(page, handle))
    text = window.find_element(By.CSS_SELECTOR, ".page-input")
    counter = window.find_element(By.CSS_SELECTOR, ".counter")
    send = window.find_element(By.CSS_SELECTOR, ".pagebox button[type=submit]")
    text.send_keys("x" * 160)
    assert (counter.text, "over" in counter.get_attribute("class"), send.is_enabled()) == ("160 / 160", False, True)
    text.send_keys("y")
    assert (counter.text, "over" in counter.get_attribute("class"), send.is_enabled()) == ("161 / 160", True, False)
    text.send_keys(Keys.BACKSPACE)
    send.click()
    wait_for("the sent page listed", lambda: "x" * 160 in window.find_element(By.CSS_SELECTOR, ".transcript").text)
    assert counter.text == "0 / 160"
    # The server's receipt: the pager bot has one device online.
    status = window.find_elements(By.CSS_SELECTOR, ".sent-pages .page-status")[-1]
    wait_for("the page's status", lambda: status.get_attribute("data-status") == "sent")
    assert status.text == "Sent to 1 device"


def test_a_failed_call_shows_its_error_name_in_a_dismissable_banner(page, automation):
    field = page.find_element(By.CSS_SELECTOR, ".add-contact-input")
    # R1: a sign-in name longer than 129 characters is E_INVALIDARG.
    field.send_keys("a" * 64 + "@" + "b" * 65, Keys.ENTER)
    banner = wait_for("an error banner", lambda: page.find_element(By.CSS_SELECTOR, ".error-banner"))
    assert banner.find_element(By.CSS_SELECTOR, ".error-name").text == "E_INVALIDARG"
    banner.find_element(By.CSS_SELECTOR, ".dismiss").click()
    assert page.find_elements(By.CSS_SELECTOR, ".error-banner") == []
