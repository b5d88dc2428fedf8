"""Stream set-up (STARTTLS, SCRAM, bind), service discovery and ping."""

from __future__ import annotations

from peer import SCRAM_MECHANISMS, WAIT
from sessions import signed_in

# Features both our server and Prosody advertise on the server JID.
REQUIRED_SERVER_FEATURES = {
    "http://jabber.org/protocol/disco#info",
    "urn:xmpp:ping",
    "vcard-temp",
    "urn:xmpp:blocking",
}


async def test_sign_in_uses_starttls_and_scram(target):
    async with signed_in(target, (0, "a")) as (a,):
        assert a.uses_tls, "session is not TLS-protected after STARTTLS"
        print(f"SASL offered: {sorted(a.offered_mechanisms)}; used: {a.sasl_mechanism}")
        assert a.sasl_mechanism in SCRAM_MECHANISMS
        assert a.jid.startswith(a.bare + "/"), f"bound JID {a.jid} is not under {a.bare}"


async def test_server_disco_info_lists_supported_features(target):
    async with signed_in(target, (0, "a")) as (a,):
        result = await a.client.plugin["xep_0030"].get_info(jid=target.domain, timeout=WAIT)
        features = set(result["disco_info"]["features"])
        missing = REQUIRED_SERVER_FEATURES - features
        assert not missing, f"server disco#info lacks {sorted(missing)}; has {sorted(features)}"
        identities = {(category, kind) for category, kind, _lang, _name
                      in result["disco_info"]["identities"]}
        assert ("server", "im") in identities


async def test_ping_to_server_is_answered(target):
    async with signed_in(target, (0, "a")) as (a,):
        round_trip = await a.client.plugin["xep_0199"].ping(jid=target.domain, timeout=WAIT)
        assert 0 <= round_trip < WAIT
