"""Hostile input on other connections must not disturb honest sessions."""

from __future__ import annotations

import asyncio

from hostile import attack, hostile_cases
from peer import unique
from sessions import signed_in

# How long a server may take to hang up on a hostile connection.
CLOSE_DEADLINE = 10.0


async def chat_while(a, b, label: str, rounds: int) -> set[str]:
    """A and B exchange `rounds` messages each way, spaced out; returns the bodies."""
    bodies = set()
    for index in range(rounds):
        to_b = unique(f"{label}-a2b-{index}")
        to_a = unique(f"{label}-b2a-{index}")
        a.send_chat(b.bare, to_b)
        b.send_chat(a.bare, to_a)
        bodies.update({to_b, to_a})
        await asyncio.sleep(0.1)
    return bodies


async def test_hostile_connections_are_closed_and_chat_survives(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        cases = hostile_cases(target.domain, b.bare)
        attacks = asyncio.gather(*(
            attack(target.host, target.port, case, deadline=CLOSE_DEADLINE)
            for case in cases))
        during = asyncio.create_task(chat_while(a, b, "during", rounds=10))
        outcomes = await attacks
        sent = await during
        sent |= await chat_while(a, b, "after", rounds=3)

        for outcome in outcomes:
            print(f"hostile {outcome.case}: closed={outcome.closed_by_server} "
                  f"stream_error={outcome.stream_error} "
                  f"bytes_received={outcome.bytes_received}")
        still_open = [o.case for o in outcomes if not o.closed_by_server]
        assert not still_open, f"server kept these hostile connections open: {still_open}"

        for body in sorted(sent):
            receiver = b if "-a2b-" in body else a
            await receiver.message_with_body(body)
