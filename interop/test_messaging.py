"""One-to-one chat and offline storage with XEP-0203 delay stamps."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from peer import unique
from sessions import make_peer, signed_in


async def test_chat_to_bare_jid_is_delivered_with_body_and_type(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        body = unique("hello B")
        a.send_chat(b.bare, body)
        message = await b.message_with_body(body)
        assert message["type"] == "chat"
        assert str(message["from"]) == a.jid
        assert str(message["to"].bare) == b.bare


async def test_offline_message_is_delivered_on_login_with_delay_stamp(target):
    carol = make_peer(target, 2, "c-first")
    await carol.sign_in()
    await carol.sign_out()
    # The server has closed its side of the stream; give it a moment to
    # forget the session before the message arrives.
    await asyncio.sleep(0.5)

    async with signed_in(target, (0, "a")) as (a,):
        body = unique("while you were away")
        sent_at = datetime.now(timezone.utc)
        a.send_chat(carol.bare, body)
        # Ping round trip: the server has routed the message once this returns.
        await a.client.plugin["xep_0199"].ping(jid=target.domain, timeout=8)

    async with signed_in(target, (2, "c-again")) as (carol_again,):
        message = await carol_again.message_with_body(body)
        assert message["type"] == "chat"
        assert str(message["from"].bare) == a.bare
        delay = message.xml.find("{urn:xmpp:delay}delay")
        assert delay is not None, f"offline message has no urn:xmpp:delay element: {message}"
        stamp = message["delay"]["stamp"]
        assert stamp is not None, "delay element has no stamp"
        assert stamp.tzinfo is not None, "delay stamp must be UTC (XEP-0082)"
        skew = abs((stamp - sent_at).total_seconds())
        assert skew < 60, f"delay stamp {stamp.isoformat()} is {skew:.0f} s from the send time"
