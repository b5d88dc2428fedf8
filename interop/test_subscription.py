"""Presence subscriptions and presence broadcast (RFC 6121 sections 3 and 4)."""

from __future__ import annotations

from peer import unique
from sessions import forget_contacts, signed_in
from subscriptions import subscribe_and_approve


async def test_subscription_handshake_to_from_then_both(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        try:
            a.send_presence_to(b.bare, "subscribe")
            pending = await a.roster_push_for(b.bare, what="push of the pending item")
            assert (pending.subscription, pending.ask) == ("none", "subscribe")

            request = await b.presence_from(a.bare, kind="subscribe",
                                            what="subscription request")
            assert str(request["from"]) == a.bare, "request must come from the bare JID"

            b.send_presence_to(a.bare, "subscribed")
            on_a = await a.roster_push_for(
                b.bare, what="subscription=to push",
                matches=lambda entry: entry.subscription == "to")
            assert on_a.ask == ""
            on_b = await b.roster_push_for(
                a.bare, what="subscription=from push",
                matches=lambda entry: entry.subscription == "from")
            assert on_b.subscription == "from"
            available = await a.presence_from(b.bare, kind="available",
                                              what="B's presence after approval")
            assert str(available["from"]) == b.jid

            b.send_presence_to(a.bare, "subscribe")
            await a.presence_from(b.bare, kind="subscribe", what="mutual request")
            a.send_presence_to(b.bare, "subscribed")
            both_on_a = await a.roster_push_for(
                b.bare, what="subscription=both push on A",
                matches=lambda entry: entry.subscription == "both")
            both_on_b = await b.roster_push_for(
                a.bare, what="subscription=both push on B",
                matches=lambda entry: entry.subscription == "both")
            assert (both_on_a.subscription, both_on_b.subscription) == ("both", "both")

            roster_a = await a.roster_get()
            roster_b = await b.roster_get()
            assert roster_a[b.bare].subscription == "both"
            assert roster_b[a.bare].subscription == "both"

            # Presence now flows from B to A as a normal broadcast.
            status = unique("after-both")
            b.client.send_presence(pstatus=status)
            broadcast = await a.presence_from(
                b.bare, kind="available", what="B's broadcast",
                matches=lambda presence: presence["status"] == status)
            assert str(broadcast["from"]) == b.jid
        finally:
            await forget_contacts(a, b.bare)
            await forget_contacts(b, a.bare)


async def test_presence_show_and_status_reach_subscriber(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        try:
            await subscribe_and_approve(a, b)
            status = unique("In a meeting")
            b.client.send_presence(pshow="dnd", pstatus=status)
            presence = await a.presence_from(
                b.bare, kind="available", what="B's dnd presence",
                matches=lambda presence: presence["status"] == status)
            assert presence["show"] == "dnd"
            assert presence["status"] == status
            assert str(presence["from"]) == b.jid
        finally:
            await forget_contacts(a, b.bare)
            await forget_contacts(b, a.bare)
