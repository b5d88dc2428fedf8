"""Roster items with a name and groups (RFC 6121 section 2)."""

from __future__ import annotations

from sessions import signed_in


async def test_roster_item_with_groups_round_trip_and_push(target):
    contact = target.accounts[2].jid
    async with signed_in(target, (0, "a-phone"), (0, "a-desk")) as (phone, desk):
        try:
            await phone.roster_set(contact, name="Carol Interop",
                                   groups=("Work", "Friends"))

            roster = await phone.roster_get()
            assert contact in roster, f"{contact} missing from roster {roster}"
            item = roster[contact]
            assert item.name == "Carol Interop"
            assert item.groups == ("Friends", "Work")
            assert item.subscription == "none"

            pushed = await desk.roster_push_for(contact, what="push of the new item")
            assert pushed.name == "Carol Interop"
            assert pushed.groups == ("Friends", "Work")

            await phone.roster_remove(contact)
            removed = await desk.roster_push_for(
                contact, what="push of the removal",
                matches=lambda entry: entry.subscription == "remove")
            assert removed.subscription == "remove"
            assert contact not in await phone.roster_get()
        finally:
            await phone.roster_remove(contact)
