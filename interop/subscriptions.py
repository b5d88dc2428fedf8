"""The RFC 6121 section 3.1 handshake, as two real clients perform it."""

from __future__ import annotations

from peer import Peer


async def subscribe_and_approve(user: Peer, contact: Peer) -> None:
    """`user` asks to see `contact`'s presence; `contact` approves.
    Returns once `user` has the contact's presence."""
    user.send_presence_to(contact.bare, "subscribe")
    await contact.presence_from(user.bare, kind="subscribe",
                                what=f"subscription request from {user.bare}")
    contact.send_presence_to(user.bare, "subscribed")
    await user.presence_from(contact.bare, kind="subscribed",
                             what=f"approval from {contact.bare}")
    await user.presence_from(contact.bare, kind="available",
                             what=f"presence of {contact.bare} after approval")
