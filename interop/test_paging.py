"""Pages (docs/protocol.md, "Page messages") between third-party clients:
a headline with our marker reaches every device of a user who has a pager
in their vCard, the sender gets our <page-receipt/>, and a user without a
pager is not-acceptable. Only for a server that advertises paging in its
disco#info (ours); skipped elsewhere."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from slixmpp.xmlstream.handler import Callback
from slixmpp.xmlstream.matcher import MatchXPath

from inbox import Inbox
from peer import WAIT, unique
from sessions import forget_contacts, signed_in
from subscriptions import subscribe_and_approve

PAGE_NS = "urn:xmpp:communicator:page:0"
PAGER_VCARD = "<vCard xmlns='vcard-temp'><TEL><PAGER/><NUMBER>+1 555 0199</NUMBER></TEL></vCard>"


async def require_paging(peer, domain: str) -> None:
    info = await peer.client.plugin["xep_0030"].get_info(jid=domain, timeout=WAIT)
    if PAGE_NS not in info["disco_info"]["features"]:
        pytest.skip("this server does not advertise paging")


def send_page(peer, to: str, body: str, page_id: str) -> None:
    message = peer.client.make_message(mto=to, mbody=body, mtype="headline")
    message["id"] = page_id
    message.xml.append(ET.Element(f"{{{PAGE_NS}}}page"))
    message.send()


async def set_vcard(peer, xml: str) -> None:
    iq = peer.client.make_iq_set()
    iq.xml.append(ET.fromstring(xml))
    await iq.send(timeout=WAIT)


def receipts_of(peer) -> Inbox:
    """Receipts have no body, so slixmpp raises no "message" event for them."""
    inbox: Inbox = Inbox("page receipts")
    peer.client.register_handler(Callback(
        "page receipt", MatchXPath(f"{{jabber:client}}message/{{{PAGE_NS}}}page-receipt"), inbox.put))
    return inbox


def receipt_for(receipts: Inbox, page_id: str):
    def is_receipt(message) -> bool:
        receipt = message.xml.find(f"{{{PAGE_NS}}}page-receipt")
        return receipt is not None and receipt.get("id") == page_id
    return receipts.wait_for(is_receipt, timeout=WAIT, what="page receipt")


async def test_a_page_reaches_every_device_and_the_sender_gets_a_receipt(target):
    async with signed_in(target, (0, "sender"), (1, "desk"), (1, "phone")) as (alice, desk, phone):
        await require_paging(alice, target.domain)
        try:
            # The recipient shares presence with the sender, so the receipt may say where the page went.
            await subscribe_and_approve(alice, desk)
            receipts = receipts_of(alice)
            await set_vcard(desk, PAGER_VCARD)
            body, page_id = unique("page"), unique("id")
            send_page(alice, desk.bare, body, page_id)
            for device in (desk, phone):
                page = await device.message_with_body(body)
                assert page["type"] == "headline"
                assert page.xml.find(f"{{{PAGE_NS}}}page") is not None
            message = await receipt_for(receipts, page_id)
            assert (message["type"], str(message["from"])) == ("headline", desk.bare)
            receipt = message.xml.find(f"{{{PAGE_NS}}}page-receipt")
            assert (receipt.get("devices"), receipt.get("stored"), receipt.get("gateway")) == ("2", "false", "none")
        finally:
            await forget_contacts(alice, desk.bare)
            await forget_contacts(desk, alice.bare)


async def test_a_stranger_learns_only_that_the_page_was_accepted(target):
    """Device counts would tell someone without a presence subscription who is online."""
    async with signed_in(target, (0, "stranger"), (1, "desk")) as (alice, desk):
        await require_paging(alice, target.domain)
        receipts = receipts_of(alice)
        await set_vcard(desk, PAGER_VCARD)
        body, page_id = unique("page"), unique("id")
        send_page(alice, desk.bare, body, page_id)
        await desk.message_with_body(body)
        receipt = (await receipt_for(receipts, page_id)).xml.find(f"{{{PAGE_NS}}}page-receipt")
        assert dict(receipt.attrib) == {"id": page_id, "accepted": "true"}


async def test_a_page_to_someone_without_a_pager_is_not_acceptable(target):
    async with signed_in(target, (0, "sender"), (2, "nopager")) as (alice, carol):
        await require_paging(alice, target.domain)
        await set_vcard(carol, "<vCard xmlns='vcard-temp'><FN>No Pager</FN></vCard>")
        page_id = unique("id")
        send_page(alice, carol.bare, unique("page"), page_id)
        error = await alice.message_errors.wait_for(lambda m: m["id"] == page_id, timeout=WAIT, what="page bounce")
        assert error["error"]["condition"] == "not-acceptable"
        assert error["error"]["text"] == f"{carol.bare} has not enabled paging"
