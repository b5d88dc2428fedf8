"""Blocking command (XEP-0191)."""

from __future__ import annotations

from peer import QUIET, WAIT, unique
from sessions import signed_in


async def blocked_jids(peer) -> set[str]:
    return {str(jid) for jid in
            await peer.client.plugin["xep_0191"].get_blocked_jids(timeout=WAIT)}


async def test_block_stops_messages_until_unblocked(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        blocking = a.client.plugin["xep_0191"]
        try:
            await blocking.block(b.bare, timeout=WAIT)
            assert await blocked_jids(a) == {b.bare}

            hidden = unique("should not arrive")
            b.send_chat(a.bare, hidden)
            await a.messages.expect_none(lambda message: message["body"] == hidden,
                                         during=QUIET, what="message from a blocked JID")

            await blocking.unblock(b.bare, timeout=WAIT)
            assert await blocked_jids(a) == set()

            visible = unique("after unblock")
            b.send_chat(a.bare, visible)
            message = await a.message_with_body(visible)
            assert str(message["from"]) == b.jid
        finally:
            try:
                await blocking.unblock(b.bare, timeout=WAIT)
            except Exception:  # noqa: BLE001 - clean-up only
                pass
