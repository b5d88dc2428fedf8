"""The server under test, as described by the runner's environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Account:
    jid: str  # bare JID, e.g. "alice@example.test"
    password: str

    @property
    def localpart(self) -> str:
        return self.jid.split("@", 1)[0]


@dataclass(frozen=True)
class Target:
    host: str
    port: int
    domain: str
    accounts: tuple[Account, Account, Account]

    @classmethod
    def from_environment(cls) -> Target:
        missing = [
            name
            for name in ("XMPP_HOST", "XMPP_PORT", "XMPP_DOMAIN",
                         "XMPP_USER1", "XMPP_PASS1", "XMPP_USER2",
                         "XMPP_PASS2", "XMPP_USER3", "XMPP_PASS3")
            if not os.environ.get(name)
        ]
        if missing:
            raise RuntimeError(
                "interop suite needs these environment variables: "
                + ", ".join(missing)
                + " (use interop/run-against-prosody.sh or run-against-ours.sh)"
            )
        domain = os.environ["XMPP_DOMAIN"]

        def account(index: int) -> Account:
            user = os.environ[f"XMPP_USER{index}"]
            # The runner may pass a localpart or a full bare JID.
            jid = user if "@" in user else f"{user}@{domain}"
            return Account(jid=jid, password=os.environ[f"XMPP_PASS{index}"])

        return cls(
            host=os.environ["XMPP_HOST"],
            port=int(os.environ["XMPP_PORT"]),
            domain=domain,
            accounts=(account(1), account(2), account(3)),
        )
