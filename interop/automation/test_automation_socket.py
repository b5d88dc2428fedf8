"""The automation socket end to end: a program on the socket drives a real
`msgr client` signed in as user 1 to a real server, and user 2 is a real
third-party client (slixmpp). Codes are the spec's (automation-api.md §3.1,
seeds 000/004): HRESULTs as signed 32-bit integers with their names."""

from __future__ import annotations

import asyncio
import xml.etree.ElementTree as ET
from contextlib import asynccontextmanager

from peer import unique
from rpc import Automation
from sessions import make_peer

ONLINE, OFFLINE, BUSY, AWAY = 2, 1, 10, 34
WORK, CUSTOM = 1, 3
E_INVALIDARG, E_FAIL = -2147024809, -2147467259
MSGR_E_NOT_LOGGED_ON = -2130705634
MSGR_E_PAGING_UNAVAILABLE = -2130705607
PAGE_NS = "urn:xmpp:communicator:page:0"
PROFILE_NS = "urn:xmpp:communicator:profile:0"

BOB_VCARD = """<vCard xmlns='vcard-temp'><FN>Bob the Peer</FN>
<TEL><WORK/><VOICE/><NUMBER>+1 555 0101</NUMBER></TEL>
<TEL><PAGER/><NUMBER>+1 555 0199</NUMBER></TEL></vCard>"""


async def wait_until(what: str, condition, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, f"timed out: {what}"
        await asyncio.sleep(0.1)


async def ensure_signed_in(rpc: Automation) -> None:
    if await rpc.call("Messenger.get_MyStatus") != ONLINE:
        await rpc.call("Messenger.AutoSignin")
        async def online() -> bool:
            return await rpc.call("Messenger.get_MyStatus") == ONLINE
        await wait_until("the client is online", online, 20.0)


@asynccontextmanager
async def alice_and_bob(target):
    """The socket of user 1's client, and user 2 on slixmpp, on each other's
    lists with user 2's presence visible to user 1 and a vCard with a work
    number and a pager."""
    bob = make_peer(target, 1, "bob")
    bob.client.roster.auto_authorize = True
    await bob.sign_in()
    vcard = bob.client.make_iq_set()
    vcard.xml.append(ET.fromstring(BOB_VCARD))
    await vcard.send(timeout=10)
    rpc = await Automation.connect()
    try:
        await ensure_signed_in(rpc)
        contact = f"contact:{bob.bare}"
        listed = await rpc.call("Messenger.get_MyContacts")
        if contact not in listed["items"]:
            await rpc.call("MessengerPrivate.AddContact", signinName=bob.bare)
        async def bob_visible() -> bool:
            return await rpc.call("Contact.get_Status", handle=contact) == ONLINE
        await wait_until("bob's presence reaches the client", bob_visible)
        yield rpc, bob
    finally:
        await rpc.close()
        await bob.sign_out()


async def test_instant_message_validation_rows_have_the_exact_codes(target):
    async with alice_and_bob(target) as (rpc, bob):
        rows = [
            ("empty string", ""), ("leading space", " " + bob.bare),
            ("130 characters", "a" * 64 + "@" + "b" * 65), ("line break", "bob\r\n@example.test"),
            ("NULL VARIANT", None), ("a number", 7), ("an array", [bob.bare]),
        ]
        for label, contact in rows:
            error = await rpc.error("Messenger.InstantMessage", contact=contact)
            assert (error.code, error.name, error.hresult) == (E_INVALIDARG, "E_INVALIDARG", "0x80070057"), label
        own = await rpc.call("Messenger.get_MySigninName")
        error = await rpc.error("Messenger.InstantMessage", contact=own)
        assert (error.code, error.name) == (E_FAIL, "E_FAIL")


async def test_conversation_reaches_the_third_party_client_and_history_holds_both_sides(target):
    async with alice_and_bob(target) as (rpc, bob):
        await rpc.call("Events.Subscribe", names=["OnIMWindowCreated", "OnIMWindowDestroyed"])
        window = await rpc.call("Messenger.InstantMessage", contact=bob.bare)
        created = await rpc.event("OnIMWindowCreated", lambda p: p["window"] == window)
        assert created == {"window": window}
        # R5: the same contact reuses the window, by name or by handle.
        assert await rpc.call("Messenger.InstantMessage", contact={"handle": f"contact:{bob.bare}"}) == window

        for edge, value in (("Left", 15), ("Top", 25), ("Width", 600), ("Height", 400)):
            assert (await rpc.reply(f"Window.put_{edge}", handle=window, value=value))["result"]["hr"] == 0
            assert await rpc.call(f"Window.get_{edge}", handle=window) == value
        assert (await rpc.error("Window.put_Height", handle=window, value=-1)).name == "E_INVALIDARG"

        text = unique("hello from the socket")
        await rpc.call("ConversationWnd.SendText", handle=window, text=text)
        message = await bob.message_with_body(text)
        assert message["type"] == "chat"
        answer = unique("hello from slixmpp")
        bob.send_chat(str(message["from"]), answer)

        async def both_sides() -> bool:
            history = await rpc.call("ConversationWnd.get_History", handle=window)
            return text in history and answer in history
        await wait_until("History holds both sides", both_sides)
        lines = (await rpc.call("ConversationWnd.get_History", handle=window)).splitlines()
        # Bob's lines carry the name from his vCard (FN), as Communicator shows it.
        assert lines[-2].endswith(f": {text}") and lines[-1].endswith(f"Bob the Peer: {answer}")

        assert (await rpc.reply("Window.Close", handle=window))["result"] == {"hr": 0}
        assert (await rpc.reply("Window.Close", handle=window))["result"] == {"hr": 1}
        assert await rpc.call("Window.get_IsClosed", handle=window) is True
        assert (await rpc.error("ConversationWnd.SendText", handle=window, text="late")).name == "E_FAIL"
        await rpc.event("OnIMWindowDestroyed", lambda p: p["window"] == window)


async def test_status_changes_of_the_third_party_client_raise_events_in_order(target):
    async with alice_and_bob(target) as (rpc, bob):
        second = await Automation.connect()
        try:
            for client in (rpc, second):
                await client.call("Events.Subscribe", names=["OnContactStatusChange"])
            for show in ("away", "dnd", None):
                if show:
                    bob.client.send_presence(pshow=show)
                else:
                    bob.client.send_presence()
            contact = f"contact:{bob.bare}"
            for client in (rpc, second):
                seen = [(await client.event("OnContactStatusChange", lambda p: p["contact"] == contact))["status"]
                        for _ in range(3)]
                assert seen == [AWAY, BUSY, ONLINE]
        finally:
            await second.close()


async def test_phone_and_page_rows_then_signout_closes_the_windows(target):
    async with alice_and_bob(target) as (rpc, bob):
        # Sign out and in again so that the client reads Bob's new vCard.
        await rpc.call("Events.Subscribe", names=["OnSignout"])
        window = await rpc.call("Messenger.InstantMessage", contact=bob.bare)
        await rpc.call("Messenger.Signout")
        await rpc.event("OnSignout")
        assert await rpc.call("Window.get_IsClosed", handle=window) is True
        assert (await rpc.error("Messenger.Phone", contact=bob.bare, type=WORK)).code == MSGR_E_NOT_LOGGED_ON
        assert (await rpc.error("Messenger.Page", contact=bob.bare)).code == MSGR_E_NOT_LOGGED_ON
        await ensure_signed_in(rpc)
        contact = f"contact:{bob.bare}"
        async def vcard_known() -> bool:
            return await rpc.call("Contact.get_CanPage", handle=contact) is True
        await wait_until("the client has Bob's vCard", vcard_known)

        assert (await rpc.error("Messenger.Phone", contact=bob.bare, type=9)).name == "E_INVALIDARG"
        assert (await rpc.error("Messenger.Phone", contact=" " + bob.bare, type=WORK)).name == "E_INVALIDARG"
        too_long = "1" * 257
        assert (await rpc.error("Messenger.Phone", contact=bob.bare, type=CUSTOM, number=too_long)).name == "E_INVALIDARG"
        own = await rpc.call("Messenger.get_MySigninName")
        assert (await rpc.error("Messenger.Phone", contact=own, type=WORK)).name == "E_FAIL"

        dialog = await rpc.call("Messenger.Phone", contact=bob.bare, type=WORK)
        assert await rpc.call("Window.get_Kind", handle=dialog) == "phone"
        call = await rpc.call("Window.get_PhoneCall", handle=dialog)
        assert call["number"] == "+1 555 0101"
        # One Phone dialog: a second call reuses it with the newest number.
        assert await rpc.call("Messenger.Phone", contact=bob.bare, type=CUSTOM, number="+1 555 0123") == dialog
        assert (await rpc.call("Window.get_PhoneCall", handle=dialog))["number"] == "+1 555 0123"

        page = await rpc.call("Messenger.Page", contact=bob.bare)
        assert await rpc.call("Window.get_Kind", handle=page) == "page"
        assert (await rpc.error("Messenger.Page", contact="")).name == "E_INVALIDARG"
        text = unique("paged")
        await rpc.call("Window.SendPage", handle=page, text=text)
        message = await bob.message_with_body(text)
        assert message["type"] == "headline"
        # Our marker element rides along; slixmpp sees a plain headline plus it.
        assert message.xml.find(f"{{{PAGE_NS}}}page") is not None
        # The server's receipt makes the Page window say where it went.
        async def confirmed() -> bool:
            pages = await rpc.call("Window.get_SentPages", handle=page)
            return bool(pages) and pages[-1]["status"] != "sending"
        await wait_until("the page's receipt", confirmed)
        sent = (await rpc.call("Window.get_SentPages", handle=page))[-1]
        assert (sent["text"], sent["status"], sent["statusText"]) == (text, "sent", "Sent to 1 device")


async def test_add_contact_reports_through_on_contact_list_add_after_the_reply(target):
    async with alice_and_bob(target) as (rpc, _bob):
        carol = target.accounts[2].jid
        contact = f"contact:{carol}"
        listed = await rpc.call("Messenger.get_MyContacts")
        if contact in listed["items"]:
            await rpc.call("Contacts.Remove", handle="contacts:mine", contact=contact)
            async def gone() -> bool:
                return contact not in (await rpc.call("Messenger.get_MyContacts"))["items"]
            await wait_until("carol removed", gone)
        await rpc.call("Events.Subscribe", names=["OnContactListAdd"])
        reply = await rpc.reply("MessengerPrivate.AddContact", signinName=carol)
        assert reply["result"] == {"hr": 0}
        event = await rpc.event("OnContactListAdd", lambda p: p["contact"] == contact)
        assert event == {"hr": 0, "contact": contact}
        reply_at = next(i for i, line in enumerate(rpc.lines) if line.get("id") == reply["id"])
        event_at = next(i for i, line in enumerate(rpc.lines)
                        if line.get("method") == "Event.OnContactListAdd" and line["params"]["contact"] == contact)
        assert reply_at < event_at
        assert contact in (await rpc.call("Messenger.get_MyContacts"))["items"]


async def test_bad_lines_and_stale_handles_leave_the_connection_usable(target):
    rpc = await Automation.connect()
    try:
        rpc._writer.write(b"{this is not json\n")
        rpc._writer.write(b'"a string"\n')
        await rpc._writer.drain()
        assert (await rpc.error("Messenger.NoSuchMember")).code == -32601
        assert (await rpc.error("Window.get_Left", handle="window:424242")).code == -32602
        assert (await rpc.error("Window.put_Left", handle="window:1", value="left")).code == -32602
        codes = [line["error"]["code"] for line in rpc.lines if line.get("id") is None and "error" in line]
        assert codes == [-32700, -32600]
        assert isinstance(await rpc.call("Messenger.get_MyStatus"), int)
    finally:
        await rpc.close()


async def test_a_third_party_client_that_drops_its_pager_raises_on_contact_pager_change(target):
    """docs/protocol.md, Profile changes: any client may announce a new vCard
    with our profile hash in its presence; ours then re-reads it."""
    async with alice_and_bob(target) as (rpc, bob):
        contact = f"contact:{bob.bare}"
        async def pageable() -> bool:
            return await rpc.call("Contact.get_CanPage", handle=contact) is True
        # Bob's vCard was set after he came online: announce it, then wait for the client to read it.
        announce(bob, "first")
        await wait_until("the client has Bob's pager", pageable)
        await rpc.call("Events.Subscribe", names=["OnContactPagerChange"])

        vcard = bob.client.make_iq_set()
        vcard.xml.append(ET.fromstring("<vCard xmlns='vcard-temp'><FN>Bob the Peer</FN></vCard>"))
        await vcard.send(timeout=10)
        announce(bob, "second")
        event = await rpc.event("OnContactPagerChange", lambda p: p["contact"] == contact)
        assert event == {"hr": 0, "contact": contact, "pageable": False}
        assert await rpc.call("Contact.get_CanPage", handle=contact) is False
        error = await rpc.error("Messenger.Page", contact=bob.bare)
        assert (error.code, error.name) == (MSGR_E_PAGING_UNAVAILABLE, "MSGR_E_PAGING_UNAVAILABLE")

        # Paging on again, for the tests that follow.
        vcard = bob.client.make_iq_set()
        vcard.xml.append(ET.fromstring(BOB_VCARD))
        await vcard.send(timeout=10)
        announce(bob, "third")
        event = await rpc.event("OnContactPagerChange", lambda p: p["contact"] == contact)
        assert event["pageable"] is True


def announce(peer, label: str) -> None:
    """Available presence carrying a profile hash that names `label` (any
    change of the value means "my vCard changed")."""
    presence = peer.client.make_presence()
    presence.xml.append(ET.fromstring(f"<profile xmlns='{PROFILE_NS}' hash='{unique(label)}'/>"))
    presence.send()
