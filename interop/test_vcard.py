"""vcard-temp (XEP-0054): telephone numbers keep their types."""

from __future__ import annotations

from slixmpp.plugins.xep_0054.stanza import Telephone

from peer import WAIT, unique
from sessions import signed_in


def telephone_numbers(vcard) -> set[tuple[str, str]]:
    """(type, number) pairs, where type is WORK or CELL."""
    pairs = set()
    for tel in vcard["telephone_numbers"]:
        for kind in ("WORK", "CELL"):
            if tel[kind]:
                pairs.add((kind, tel["NUMBER"]))
    return pairs


async def test_vcard_tel_work_and_cell_round_trip(target):
    async with signed_in(target, (0, "a"), (1, "b")) as (a, b):
        vcards = a.client.plugin["xep_0054"]
        card = vcards.make_vcard()
        card["FN"] = unique("Alice Interop")
        work = card["TEL"]
        work["WORK"] = True
        work["VOICE"] = True
        work["NUMBER"] = "+1 555 0100"
        cell = Telephone()
        cell["CELL"] = True
        cell["VOICE"] = True
        cell["NUMBER"] = "+1 555 0199"
        card.append(cell)
        await vcards.publish_vcard(card, timeout=WAIT)

        result = await b.client.plugin["xep_0054"].get_vcard(jid=a.bare, cached=False, timeout=WAIT)
        fetched = result["vcard_temp"]
        assert fetched["FN"] == card["FN"]
        assert telephone_numbers(fetched) == {("WORK", "+1 555 0100"),
                                              ("CELL", "+1 555 0199")}, str(fetched)
