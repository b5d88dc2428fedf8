"""A person typing in the page talks to a third-party XMPP client: the
guest account signed in with slixmpp (interop/peer.py)."""

from __future__ import annotations

import os
import uuid

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from automation_thread import window_id
from browser import wait_for
from peer import Peer
from target import Account, Target


@pytest.fixture
def guest(background):
    jid = os.environ.get("GUEST_JID", "guest@demo.test")
    account = Account(jid=jid, password=os.environ["GUEST_PASSWORD"])
    target = Target(host=os.environ["XMPP_HOST"], port=int(os.environ["XMPP_PORT"]),
                    domain=jid.split("@", 1)[1], accounts=(account, account, account))

    async def sign_in() -> Peer:
        peer = Peer(target, account, f"web-{uuid.uuid4().hex[:8]}")
        await peer.sign_in()
        return peer

    peer = background.run(sign_in())
    yield peer
    background.run(peer.sign_out())


def test_the_send_box_delivers_to_a_third_party_client_and_history_holds_it(page, automation, background, guest):
    handle = automation.call("Messenger.InstantMessage", contact=guest.bare)
    window = wait_for("the conversation window", lambda: page.find_element(
        By.CSS_SELECTOR, f'.window[data-window-id="{window_id(handle)}"]'))
    text = f"hello guest {uuid.uuid4().hex[:8]}"
    window.find_element(By.CSS_SELECTOR, ".sendbox textarea").send_keys(text, Keys.ENTER)
    message = background.run(guest.messages.wait_for(
        lambda m: m["body"] == text, timeout=10, what=f"the message {text!r}"))
    assert str(message["from"].bare) == "me@demo.test"
    assert message["type"] == "chat"
    assert text in automation.call("ConversationWnd.get_History", handle=handle)
    transcript = window.find_element(By.CSS_SELECTOR, ".transcript")
    wait_for("the sent line in the transcript", lambda: text in transcript.text)
