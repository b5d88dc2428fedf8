"""Signing several test users in at once, and always out again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from peer import Peer, unique
from target import Target


def make_peer(target: Target, user: int, role: str) -> Peer:
    """`user` is 0, 1 or 2 (XMPP_USER1..3); `role` names the resource."""
    return Peer(target, target.accounts[user], unique(role))


@asynccontextmanager
async def signed_in(target: Target, *users: tuple[int, str],
                    presence: bool = True) -> AsyncIterator[list[Peer]]:
    peers = [make_peer(target, user, role) for user, role in users]
    try:
        await asyncio.gather(*(peer.sign_in(presence=presence) for peer in peers))
        yield peers
    finally:
        await asyncio.gather(*(peer.sign_out() for peer in peers),
                             return_exceptions=True)


async def forget_contacts(peer: Peer, *jids: str) -> None:
    """Best-effort roster clean-up after a test; it must not hide the
    test's own failure, so errors here are swallowed."""
    for jid in jids:
        try:
            await peer.roster_remove(jid)
        except Exception:  # noqa: BLE001 - clean-up only
            pass
