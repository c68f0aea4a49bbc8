"""The clinician view of a triage in the terminal: rules, answers read, sources, de-escalations."""

from __future__ import annotations

from rich.console import Group
from rich.table import Table
from rich.text import Text

from backcare.domain.clinician import Answer, ClinicianView


def clinician_tables(view: ClinicianView) -> Group:
    """Every fired rule with its rationale, the answers it read and its sources; then the
    de-escalations that were weighed and why each did or did not apply."""
    rules = Table(title="For clinicians: rules that fired", show_header=True, expand=True)
    for column in ("Rule", "Level", "Rationale", "Answers read"):
        rules.add_column(column, overflow="fold")
    rules.add_column("Sources", overflow="fold")
    for rule in view.rules:
        level = rule.level.value if rule.escalates else "noted only"
        rules.add_row(
            f"{rule.id} v{rule.version}\n{rule.code}",
            level,
            rule.rationale,
            "\n".join(f"{name}: {_shown(value)}" for name, value in rule.answers.items()),
            "\n".join(f"{source.id}: {source.url}" for source in rule.sources),
        )
    parts: list[Table | Text] = [rules]
    if view.de_escalations:
        weighed = Table(title="Lower levels considered", show_header=True, expand=True)
        for column in ("Rule", "Instead", "Applied", "Why"):
            weighed.add_column(column)
        for note in view.de_escalations:
            checks = "\n".join(
                f"{'holds' if check.holds else 'FAILS'}: {check.words}" for check in note.parts
            )
            applied = "yes" if note.applied else "no"
            # Text, not markup: the words may hold brackets.
            weighed.add_row(note.rule, note.instead, applied, Text(f"{note.summary}\n{checks}"))
        parts.append(weighed)
    parts.append(Text(f"Rules version: {view.rules_version}", style="dim"))
    return Group(*parts)


def _shown(value: Answer) -> str:
    if value is None:
        return "not answered"
    if isinstance(value, list):
        return ", ".join(value) or "none"
    return str(value)
