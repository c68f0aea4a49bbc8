"""Leaving a safety plan: the warning questions answered again, and whether triage allows it.

The answers a check-in's warning questions set (domain.adapt.warnings) are the ones asked again.
A "no" now takes back what a "yes" set: a yes/no answer becomes no, a site leaves a list, and a
graded answer steps down past the warning values (both legs → one leg, worsening → stable
weakness, a major or minor injury → none). Every other answer of the latest intake (age, a
history of cancer, osteoporosis, ...) stays as it was. A "yes" is applied as at a check-in.
Triage then runs on the result, with the same rules as every assessment: the safety plan may be
lifted only when the level is neither emergency nor urgent (SAFETY.md H-100).

When what keeps the level up is only a history answer (a past cancer: ``what_blocks``), the
plan can be lifted once that history is recorded as assessed by a doctor
(domain.history_flags, SAFETY.md H-233); any current sign still keeps it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from backcare.domain.adapt.warnings import apply_warnings, normalise
from backcare.domain.history_flags import AssessedFlag, assess, history_only
from backcare.domain.intake import Intake
from backcare.domain.knowledge.model import Knowledge
from backcare.domain.knowledge.schema import RedFlagRule
from backcare.domain.plan.builder import SAFETY_ONLY
from backcare.domain.plan_model import TriageResult
from backcare.domain.triage import triage


def answered_again(intake: Intake, asked: Iterable[str], yes: Iterable[str]) -> Intake:
    """The intake with the warning questions ``asked`` (the check-in's codes) answered again:
    ``yes`` the codes answered yes, every other one answered no."""
    said_yes = frozenset(yes)
    taken_back: dict[str, set[str]] = defaultdict(set)
    for code in asked:
        if code in said_yes:
            continue
        for answer in normalise(code):
            field, _, value = answer.partition(":")
            taken_back[field].add(value)
    update = {
        field: _without(getattr(intake, field), values) for field, values in taken_back.items()
    }
    return apply_warnings(Intake.model_validate(intake.model_dump() | update), said_yes)


def _without(current: Any, values: set[str]) -> Any:
    if isinstance(current, bool):
        return False
    if isinstance(current, list):
        return [item for item in current if str(item) not in values]
    if isinstance(current, StrEnum):
        order = list(type(current))
        # Graded answers list their values mildest first; step down past every warning value.
        index = order.index(current)
        while index > 0 and order[index].value in values:
            index -= 1
        return order[index]
    return current


def exit_triage(
    intake: Intake,
    asked: Iterable[str],
    yes: Iterable[str],
    knowledge: Knowledge,
    assessed: Sequence[AssessedFlag] = (),
) -> TriageResult:
    """Triage of the answers given again (``answered_again``), weighing the history-only red
    flags a doctor has assessed (domain.history_flags)."""
    return triage(answered_again(intake, asked, yes), knowledge, assessed=assessed)


@dataclass(frozen=True, slots=True)
class Blocked:
    """Why a safety plan cannot be lifted yet: the history-only rules still to be assessed
    (empty when a current sign holds it, which no assessment of the history lifts)."""

    history: tuple[RedFlagRule, ...]

    @property
    def only_history(self) -> bool:
        return bool(self.history)


def what_blocks(
    intake: Intake,
    asked: Iterable[str],
    yes: Iterable[str],
    knowledge: Knowledge,
    assessed: Sequence[AssessedFlag],
) -> Blocked:
    """For answers that keep the safety plan: the history-only rules that alone keep it, when
    assessing them would let it be lifted; else nothing (a current sign keeps it)."""
    answers = answered_again(intake, asked, yes)
    # Still counted now: never assessed, or assessed with answers that have changed since.
    counted = {
        flag.id
        for flag in triage(answers, knowledge, assessed=assessed).red_flags
        if flag.escalates
    }
    history = tuple(rule for rule in history_only(answers, knowledge) if rule.id in counted)
    if not history:
        return Blocked(())
    trial = [*assessed, *to_assess(answers, knowledge, history, on=dt.date.min, by="")]
    if not may_leave(triage(answers, knowledge, assessed=trial)):
        return Blocked(())
    return Blocked(history)


def to_assess(
    answers: Intake,
    knowledge: Knowledge,
    rules: Iterable[RedFlagRule],
    *,
    on: dt.date,
    by: str,
) -> list[AssessedFlag]:
    """The history-only ``rules`` as assessed by a doctor on ``on`` (confirmed by ``by``), each
    with the answers it reads now."""
    snapshots = assess(answers, knowledge, [rule.id for rule in rules])
    return [AssessedFlag(rid, shot, on, by) for rid, shot in snapshots.items()]


def may_leave(result: TriageResult) -> bool:
    """Whether a safety plan may be lifted on this triage: never at emergency or urgent level."""
    return result.level not in SAFETY_ONLY
