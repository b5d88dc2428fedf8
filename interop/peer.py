"""One signed-in slixmpp client, with inboxes the tests wait on.

The helper speaks through slixmpp's stanza objects but keeps slixmpp's own
roster bookkeeping out of the way: subscription requests are never answered
automatically, and roster queries are sent as plain iqs so that the test sees
what the server said, not slixmpp's cache.
"""

from __future__ import annotations

import asyncio
import ssl
import uuid
from dataclasses import dataclass

from slixmpp import ClientXMPP, Iq, Message, Presence
from slixmpp.exceptions import IqError

from inbox import Inbox
from target import Account, Target

# Default deadline for one expected stanza; generous for a loaded CI machine.
WAIT = 8.0
# How long "nothing arrives" is watched for.
QUIET = 2.0

SCRAM_MECHANISMS = ("SCRAM-SHA-256", "SCRAM-SHA-1")
PLUGINS = ("xep_0030", "xep_0054", "xep_0191", "xep_0199", "xep_0203")


class ConnectFailed(AssertionError):
    pass


@dataclass(frozen=True)
class RosterEntry:
    jid: str
    name: str
    subscription: str
    ask: str
    groups: tuple[str, ...]


def roster_entries(iq: Iq) -> dict[str, RosterEntry]:
    """The items of a roster result or push, keyed by bare JID."""
    entries = {}
    for jid, values in iq["roster"]["items"].items():
        bare = str(jid.bare)
        entries[bare] = RosterEntry(
            jid=bare,
            name=values.get("name", "") or "",
            subscription=values.get("subscription", "") or "none",
            ask=values.get("ask", "") or "",
            groups=tuple(sorted(values.get("groups", []) or [])),
        )
    return entries


def unique(label: str) -> str:
    """A token no earlier run can have left in an inbox or an offline store."""
    return f"{label}-{uuid.uuid4().hex[:12]}"


class Peer:
    def __init__(self, target: Target, account: Account, resource: str) -> None:
        self.target = target
        self.account = account
        self.client = ClientXMPP(f"{account.jid}/{resource}", account.password)
        for plugin in PLUGINS:
            self.client.register_plugin(plugin)
        self._configure_transport()
        # None means: deliver subscription requests to us, answer nothing.
        self.client.roster.auto_authorize = None
        self.client.roster.auto_subscribe = False

        self.messages: Inbox[Message] = Inbox(f"{resource} messages")
        self.message_errors: Inbox[Message] = Inbox(f"{resource} message errors")
        self.presences: Inbox[Presence] = Inbox(f"{resource} presences")
        self.roster_pushes: Inbox[Iq] = Inbox(f"{resource} roster pushes")
        self.sasl_mechanism: str | None = None
        self.offered_mechanisms: frozenset[str] = frozenset()
        self.stream_errors: list[str] = []

        self.client.add_event_handler("message", self.messages.put)
        self.client.add_event_handler("message_error", self.message_errors.put)
        self.client.add_event_handler("presence", self.presences.put)
        self.client.add_event_handler("roster_update", self._on_roster_update)
        self.client.add_event_handler("auth_success", self._on_auth_success)
        self.client.add_event_handler(
            "stream_error", lambda error: self.stream_errors.append(str(error)))

    def _configure_transport(self) -> None:
        client = self.client
        client.enable_direct_tls = False
        client.enable_starttls = True
        client.enable_plaintext = False
        # The test servers use self-signed certificates.
        client.ssl_context.check_hostname = False
        client.ssl_context.verify_mode = ssl.CERT_NONE
        # Only SCRAM may be used; a server offering nothing else fails here.
        client.plugin["feature_mechanisms"].use_mechs = list(SCRAM_MECHANISMS)

    def _on_auth_success(self, _stanza: object) -> None:
        mechanisms = self.client.plugin["feature_mechanisms"]
        self.sasl_mechanism = mechanisms.mech.name
        self.offered_mechanisms = frozenset(mechanisms.mech_list)

    def _on_roster_update(self, iq: Iq) -> None:
        if iq["type"] == "set":
            self.roster_pushes.put(iq)

    @property
    def jid(self) -> str:
        """The full JID the server bound."""
        return str(self.client.boundjid.full)

    @property
    def bare(self) -> str:
        return self.account.jid

    @property
    def uses_tls(self) -> bool:
        return isinstance(self.client.socket, (ssl.SSLObject, ssl.SSLSocket))

    async def sign_in(self, *, presence: bool = True,
                      interested_in_roster: bool = True) -> None:
        """Connects, authenticates, binds, then (optionally) asks for the
        roster, which makes this resource receive roster pushes (RFC 6121
        2.1.6), and sends initial presence."""
        session = asyncio.get_running_loop().create_future()

        def settle(outcome: BaseException | None) -> None:
            if session.done():
                return
            if outcome is None:
                session.set_result(None)
            else:
                session.set_exception(outcome)

        client = self.client
        client.add_event_handler("session_start", lambda _: settle(None), disposable=True)
        client.add_event_handler(
            "failed_all_auth",
            lambda _: settle(ConnectFailed(
                f"{self.account.jid}: SCRAM authentication failed or not offered")),
            disposable=True)
        client.add_event_handler(
            "connection_failed",
            lambda error: settle(ConnectFailed(f"{self.account.jid}: cannot connect: {error}")),
            disposable=True)
        client.add_event_handler(
            "disconnected",
            lambda reason: settle(ConnectFailed(
                f"{self.account.jid}: disconnected before session start: {reason}")),
            disposable=True)
        client.connect(self.target.host, self.target.port)
        try:
            await asyncio.wait_for(session, WAIT)
        except asyncio.TimeoutError:
            client.abort()
            raise ConnectFailed(f"{self.account.jid}: no session within {WAIT:.0f} s") from None
        if interested_in_roster:
            await self.roster_get()
        if presence:
            client.send_presence()

    async def sign_out(self) -> None:
        if self.client.transport is None:
            return
        try:
            await asyncio.wait_for(self.client.disconnect(wait=2.0), 5.0)
        except asyncio.TimeoutError:
            self.client.abort()

    # Roster (RFC 6121 section 2)

    async def roster_get(self) -> dict[str, RosterEntry]:
        iq = self.client.make_iq_get()
        iq.enable("roster")
        result = await iq.send(timeout=WAIT)
        return roster_entries(result)

    async def roster_set(self, jid: str, *, name: str | None = None,
                         groups: tuple[str, ...] = ()) -> Iq:
        values: dict[str, object] = {"groups": list(groups)}
        if name is not None:
            values["name"] = name
        iq = self.client.make_iq_set()
        iq["roster"]["items"] = {jid: values}
        return await iq.send(timeout=WAIT)

    async def roster_remove(self, jid: str) -> None:
        iq = self.client.make_iq_set()
        iq["roster"]["items"] = {jid: {"subscription": "remove"}}
        try:
            await iq.send(timeout=WAIT)
        except IqError as error:
            # Removing an absent item is item-not-found (RFC 6121 2.5.3);
            # that is a clean roster too.
            if error.condition != "item-not-found":
                raise

    async def roster_push_for(self, jid: str, *, what: str,
                              timeout: float = WAIT,
                              matches=lambda entry: True) -> RosterEntry:
        """Waits for a roster push about `jid` whose entry satisfies `matches`."""
        def fits(iq: Iq) -> bool:
            entry = roster_entries(iq).get(jid)
            return entry is not None and matches(entry)

        push = await self.roster_pushes.wait_for(fits, timeout=timeout, what=what)
        return roster_entries(push)[jid]

    # Messages and presence

    def send_chat(self, to: str, body: str) -> None:
        self.client.send_message(mto=to, mbody=body, mtype="chat")

    async def message_with_body(self, body: str, *, timeout: float = WAIT) -> Message:
        return await self.messages.wait_for(
            lambda message: message["body"] == body,
            timeout=timeout, what=f"message {body!r}")

    def send_presence_to(self, to: str, kind: str) -> None:
        self.client.send_presence(pto=to, ptype=kind)

    async def presence_from(self, bare: str, *, kind: str, what: str,
                            timeout: float = WAIT,
                            matches=lambda presence: True) -> Presence:
        """Waits for presence of type `kind` ("available" for none) from `bare`."""
        def fits(presence: Presence) -> bool:
            # slixmpp reports <show/> as the type; read the attribute itself.
            raw_kind = presence.xml.attrib.get("type") or "available"
            return (str(presence["from"].bare) == bare
                    and raw_kind == kind
                    and matches(presence))

        return await self.presences.wait_for(fits, timeout=timeout, what=what)
