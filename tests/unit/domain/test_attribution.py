"""Rows of a CRM file go to the person by the owner column (DOMAIN §1, Attribution)."""

from __future__ import annotations

from pillars.domain.attribution import split_by_owner

from .builders import OWNER, activity


def test_single_owner_file_belongs_wholly_to_the_person() -> None:
    rows = [activity("a", owner="Rep A"), activity("b", owner="rep a ")]
    split = split_by_owner(rows, OWNER)
    assert (len(split.mine), split.others_count, split.unmatched_owners) == (2, 0, ())


def test_file_without_owner_column_belongs_to_the_person() -> None:
    assert len(split_by_owner([activity("a"), activity("b")], OWNER).mine) == 2


def test_several_owners_are_matched_by_email() -> None:
    rows = [activity("a", owner=OWNER.upper()), activity("b", owner="luis@acme.example")]
    split = split_by_owner(rows, OWNER)
    assert ([r.summary for r in split.mine], split.others_count, split.unmatched_owners) == (
        ["a"],
        1,
        (),
    )


def test_several_owners_are_matched_by_name_and_crm_id_through_aliases() -> None:
    rows = [
        activity("a", owner="Ana  García"),
        activity("b", owner="0051x00000REPaAAAA"),
        activity("c", owner="Luis Pérez"),
    ]
    aliases = {"ana garcía": OWNER, "0051x00000repaaaaa": OWNER, "luis pérez": "luis@acme.example"}
    split = split_by_owner(rows, OWNER, aliases)
    assert ([r.summary for r in split.mine], split.others_count, split.unmatched_owners) == (
        ["a", "b"],
        1,
        (),
    )


def test_owners_matching_no_one_are_reported_once() -> None:
    rows = [
        activity("a", owner=OWNER),
        activity("b", owner="Rep B"),
        activity("c", owner="rep b"),
        activity("d", owner=""),
    ]
    split = split_by_owner(rows, OWNER)
    assert (split.others_count, split.unmatched_owners) == (3, ("(no owner)", "Rep B"))
