"""Raw, pre-TLS connections that send input a server must refuse.

Each case opens its own TCP connection, sends its bytes and reports whether
the server closed the connection, plus the <stream:error/> condition it gave
(if any), so that the suite can record it without requiring a specific one.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

STREAM_ERROR_CONDITION = re.compile(
    rb"<(?:stream:)?error[^>]*>.*?<([a-z-]+)[^>]*urn:ietf:params:xml:ns:xmpp-streams",
    re.DOTALL)

OVERSIZED_BYTES = 310 * 1024  # beyond the 300 KiB a server must not accept


@dataclass(frozen=True)
class HostileCase:
    name: str
    payload: bytes


@dataclass(frozen=True)
class HostileOutcome:
    case: str
    closed_by_server: bool
    stream_error: str | None
    bytes_received: int


def stream_header(domain: str) -> bytes:
    return (f"<?xml version='1.0'?><stream:stream to='{domain}' "
            "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
            "version='1.0'>").encode()


def hostile_cases(domain: str, victim: str) -> list[HostileCase]:
    header = stream_header(domain)
    laughs = "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return [
        HostileCase(
            "doctype-with-entity-declarations",
            (b"<?xml version='1.0'?><!DOCTYPE stream:stream ["
             b"<!ENTITY greeting 'hello'>"
             b"<!ENTITY secret SYSTEM 'file:///etc/passwd'>]>"
             + header.split(b"?>", 1)[1]
             + f"<message to='{victim}'><body>&greeting;&secret;</body></message>"
             .encode())),
        HostileCase(
            "billion-laughs",
            (b"<?xml version='1.0'?><!DOCTYPE stream:stream ["
             b'<!ENTITY lol0 "lol">' + laughs.encode() + b"]>"
             + header.split(b"?>", 1)[1]
             + f"<message to='{victim}'><body>&lol9;</body></message>".encode())),
        HostileCase(
            "undefined-entity-reference",
            header + f"<message to='{victim}'><body>&undefined;</body></message>"
            .encode()),
        HostileCase(
            "oversized-stanza",
            header + f"<message to='{victim}'><body>".encode()
            + b"A" * OVERSIZED_BYTES + b"</body></message>"),
        HostileCase(
            "mismatched-tags",
            header + f"<message to='{victim}'><body>hi</message></body>".encode()),
    ]


async def attack(host: str, port: int, case: HostileCase, *,
                 deadline: float) -> HostileOutcome:
    reader, writer = await asyncio.open_connection(host, port)
    received = bytearray()

    async def read_until_closed() -> None:
        while True:
            chunk = await reader.read(65536)
            if not chunk:
                return
            received.extend(chunk)

    reading = asyncio.create_task(read_until_closed())
    try:
        try:
            for start in range(0, len(case.payload), 16384):
                writer.write(case.payload[start:start + 16384])
                await writer.drain()
        except (ConnectionError, OSError):
            pass  # the server may hang up mid-payload; that is the point
        try:
            await asyncio.wait_for(reading, deadline)
            closed = True
        except asyncio.TimeoutError:
            closed = False
        except (ConnectionError, OSError):
            closed = True
    finally:
        reading.cancel()
        writer.close()
        try:
            await writer.wait_closed()
        except (ConnectionError, OSError):
            pass

    match = STREAM_ERROR_CONDITION.search(bytes(received))
    return HostileOutcome(
        case=case.name,
        closed_by_server=closed,
        stream_error=match.group(1).decode() if match else None,
        bytes_received=len(received),
    )
