"""The hash chain without a database: what a row's hash covers and how breaks are named."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from backcare.audit.chain import (
    GENESIS_HASH,
    ChainedRow,
    canonical_time,
    check_chain,
    new_row,
    row_hash,
    seal_detail,
)

AT = dt.datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=dt.UTC)
CHANGES: dict[str, object] = {
    "seq": 7,
    "at": AT + dt.timedelta(microseconds=1),
    "actor_id": "acc-2",
    "actor_role": "admin",
    "actor_name": "Mallory",
    "action": "record.write",
    "patient_id": "b" * 32,
    "outcome": "denied",
    "source": "203.0.113.9",
    "detail": "other words",
    "detail_salt": "1" * 32,
}


def unhashed(seq: int = 1, **changes: object) -> ChainedRow:
    row = ChainedRow(
        seq=seq,
        at=AT,
        actor_id="acc-1",
        actor_role="clinician",
        actor_name="Rita",
        action="record.read",
        patient_id="a" * 32,
        outcome="allowed",
        source="192.0.2.7",
        detail="seen",
        detail_salt="0" * 32,
        detail_seal=None,
        prev_hash=GENESIS_HASH,
        row_hash="",
    )
    return dataclasses.replace(row, **changes)


def chain(length: int) -> list[ChainedRow]:
    """``length`` correctly chained rows."""
    rows: list[ChainedRow] = []
    prev = GENESIS_HASH
    for seq in range(1, length + 1):
        row = unhashed(seq, prev_hash=prev)
        prev = row_hash(row, prev_hash=prev)
        rows.append(dataclasses.replace(row, row_hash=prev))
    return rows


@pytest.mark.parametrize("field", sorted(CHANGES))
def test_the_hash_covers_every_field(field: str) -> None:
    changed = unhashed(**{field: CHANGES[field]})
    assert row_hash(changed, prev_hash=GENESIS_HASH) != row_hash(unhashed(), prev_hash=GENESIS_HASH)


def test_the_hash_covers_the_previous_hash() -> None:
    assert row_hash(unhashed(), prev_hash="f" * 64) != row_hash(unhashed(), prev_hash=GENESIS_HASH)


def test_a_sealed_detail_hashes_as_the_readable_one_did() -> None:
    readable = unhashed()
    sealed = unhashed(detail="", detail_salt=None, detail_seal=seal_detail("0" * 32, "seen"))
    assert row_hash(sealed, prev_hash=GENESIS_HASH) == row_hash(readable, prev_hash=GENESIS_HASH)


def test_the_same_detail_seals_differently_under_different_salts() -> None:
    assert seal_detail("0" * 32, "seen") != seal_detail("1" * 32, "seen")


def test_the_time_encodes_the_same_from_any_zone() -> None:
    paris = AT.astimezone(dt.timezone(dt.timedelta(hours=2)))
    assert canonical_time(paris) == canonical_time(AT) == "2024-05-01T09:30:15.123456Z"


def test_an_intact_chain_checks_out_up_to_its_head() -> None:
    rows = chain(4)
    assert check_chain(rows, head_seq=4, head_hash=rows[-1].row_hash) == (4, None)


def test_rows_appended_after_the_head_was_read_are_left_for_later() -> None:
    rows = chain(4)
    assert check_chain(rows, head_seq=3, head_hash=rows[2].row_hash) == (3, None)


def test_a_missing_last_row_is_found_against_the_head() -> None:
    rows = chain(4)
    checked, found = check_chain(rows[:3], head_seq=4, head_hash=rows[-1].row_hash)
    assert checked == 3
    assert found is not None
    assert (found.seq, found.problem) == (4, "row 4 is missing (the head is row 4)")


def test_a_head_that_does_not_match_the_last_row_is_a_break() -> None:
    rows = chain(2)
    checked, found = check_chain(rows, head_seq=2, head_hash="f" * 64)
    assert (checked, found is not None and found.seq) == (2, 2)


def test_a_sealed_row_whose_detail_was_filled_in_again_is_a_break() -> None:
    rows = chain(2)
    seal = seal_detail("0" * 32, "seen")
    rows[0] = dataclasses.replace(rows[0], detail="forged", detail_salt=None, detail_seal=seal)
    _, found = check_chain(rows, head_seq=2, head_hash=rows[-1].row_hash)
    assert found is not None
    assert found.problem == "row 1 has a sealed detail that was changed"


def test_the_encoding_is_fixed_known_answers() -> None:
    # Rows already stored must keep verifying: the bytes hashed may never change.
    assert row_hash(unhashed(), prev_hash=GENESIS_HASH) == (
        "50673b37ef252ebe82eeb92a893e23588f2226eababb5fe55a859c45eff3f768"
    )
    assert seal_detail("0" * 32, "seen") == (
        "0693377e7b4986185f3d22fe62646657759721598ad51250f491bbbc57a1c58b"
    )
    accented = unhashed(actor_name="Zoë é", detail="naïve \u2013 \u201cquoted\u201d")
    assert row_hash(accented, prev_hash="f" * 64) == (
        "d555607608d9fecca6b216b67d3958fed74ea43375d19fa08136c7e450ea2a9a"
    )


def test_a_new_row_carries_the_hash_that_verifies_it() -> None:
    fields = {
        "seq": 3,
        "at": AT,
        "actor_id": "acc-1",
        "actor_role": "person",
        "actor_name": "",
        "action": "record.read",
        "patient_id": "a" * 32,
        "outcome": "allowed",
        "source": "192.0.2.7",
        "detail": "current_plan (token abc)",
    }
    row = new_row(**fields, prev_hash="e" * 64)  # type: ignore[arg-type]
    assert row.detail_salt is not None
    assert row.detail_seal is None
    assert row.row_hash == row_hash(row, prev_hash="e" * 64)
    assert new_row(**fields, prev_hash="e" * 64).detail_salt != row.detail_salt  # type: ignore[arg-type]
