"""Passwords: NIST SP 800-63B rules, the shipped blocklist, argon2id profiles and rehashing."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST

from backcare.accounts import throttle, totp
from backcare.accounts.passwords import common_passwords, hasher_for, problem_with, verify
from backcare.settings import Settings


def test_eight_characters_are_enough_and_seven_are_not() -> None:
    assert problem_with("walrus42", username="ann") is None
    assert "at least 8" in (problem_with("walrus4", username="ann") or "")


def test_no_composition_rule_a_long_lowercase_passphrase_is_fine() -> None:
    assert problem_with("purple elephants dance slowly", username="ann") is None


def test_common_passwords_are_refused_whatever_their_case() -> None:
    assert "too common" in (problem_with("Password1", username="ann") or "")
    assert "too common" in (problem_with("qwertyuiop", username="ann") or "")


def test_the_account_name_is_not_a_password() -> None:
    assert problem_with("annabelle", username="Annabelle") is not None


def test_the_blocklist_file_is_shipped_and_large() -> None:
    words = common_passwords()
    assert len(words) > 10_000
    assert "iloveyou" in words
    assert not any(word.startswith("#") for word in words)


def test_tests_hash_cheaply_and_production_with_rfc_9106() -> None:
    test = hasher_for(Settings(database_url="sqlite://", environment="test"))
    production = hasher_for(Settings(database_url="sqlite://", environment="production"))
    assert test.memory_cost == CHEAPEST.memory_cost
    assert production.memory_cost == 65536
    assert production.time_cost == 3


def test_a_hash_from_weaker_parameters_needs_a_rehash() -> None:
    old = PasswordHasher.from_parameters(CHEAPEST).hash("walrus42 tusk")
    standard = hasher_for(Settings(database_url="sqlite://", environment="development"))
    assert standard.check_needs_rehash(old)
    assert verify(standard, old, "walrus42 tusk")


def test_a_damaged_hash_is_a_failed_check_not_an_error() -> None:
    hasher = hasher_for(Settings(database_url="sqlite://", environment="test"))
    assert not verify(hasher, "not a hash", "walrus42")


def test_back_off_doubles_after_the_free_tries_up_to_the_lockout() -> None:
    rule = throttle.PER_ACCOUNT
    assert rule.wait_after(rule.free_failures - 1) == dt.timedelta(0)
    assert rule.wait_after(rule.free_failures) == dt.timedelta(seconds=1)
    assert rule.wait_after(rule.free_failures + 3) == dt.timedelta(seconds=8)
    assert rule.wait_after(rule.free_failures + 1000) == throttle.LOCKOUT


NOON = dt.datetime(2024, 5, 15, 12, 0, tzinfo=dt.UTC)


def test_a_totp_code_works_once_and_a_neighbouring_step_is_tolerated() -> None:
    secret = totp.new_secret()
    code = totp.code_at(secret, NOON)
    step = totp.accepted(secret, code, NOON + dt.timedelta(seconds=25), None)
    assert step is not None
    assert totp.accepted(secret, code, NOON, step) is None
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    assert totp.matching_step(secret, wrong, NOON) in (None, step - 1, step + 1)


@pytest.mark.parametrize("code", ["", "12345", "abcdef", "1234567"])
def test_a_malformed_totp_code_is_refused(code: str) -> None:
    assert totp.matching_step(totp.new_secret(), code, NOON) is None
