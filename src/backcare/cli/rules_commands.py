"""`backcare rules list` and `rules show ID`: any rule of any family, with its cases and sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backcare.cli.errors import fail

rules_app = typer.Typer(
    help="Read the clinical rules: red flags, adaptation and referral rules.",
    no_args_is_help=True,
)

# Where cases and tests live in a source checkout (an installed package has only the rule
# case files beside the knowledge, knowledge/cases/).
_CASE_FOLDERS = ("src/backcare/knowledge/cases", "tests", "examples")
_CASE_SUFFIXES = (".py", ".yaml", ".json")


def register(app: typer.Typer) -> None:
    app.add_typer(rules_app, name="rules")


@rules_app.command("list")
def rules_list() -> None:
    """Every rule: id, family and name."""
    from backcare.domain.rule_cards import rule_cards
    from backcare.engine import default_knowledge

    table = Table("id", "family", "name")
    for card in rule_cards(default_knowledge()):
        table.add_row(card.id, card.family, card.name)
    Console(soft_wrap=False).print(table)


@rules_app.command("show")
def rules_show(
    rule_id: Annotated[str, typer.Argument(help="A rule id: RF-001, AR-003, PR-005, ...")],
) -> None:
    """One rule: its condition, what the person is told, the rationale, cases and sources."""
    from backcare.domain.rule_cards import rule_card
    from backcare.engine import default_knowledge

    knowledge = default_knowledge()
    card = rule_card(knowledge, rule_id)
    if card is None:
        fail(f"There is no rule {rule_id!r}; `backcare rules list` shows every rule id.")
    console = Console(soft_wrap=False)
    console.print(f"[bold]{card.id}[/bold] ({card.family}): {card.name}", highlight=False)
    console.print(f"Defined in: {card.defined_in}", highlight=False)
    console.print(f"Condition: {card.condition}", highlight=False)
    for name, body in card.definitions:
        console.print(f"  where {name} = {body}", highlight=False)
    if card.inputs:
        console.print(f"Reads: {', '.join(card.inputs)}", highlight=False)
    console.print(f"The person is told: {card.says}", highlight=False)
    console.print(f"Rationale: {card.rationale}", highlight=False)
    console.print("Sources:", highlight=False)
    for source in card.sources:
        ref = knowledge.references.get(source)
        console.print(f"  {source}: {ref.title if ref else 'unknown'}", highlight=False)
    cases = cases_naming(card.search_terms)
    console.print("Cases and tests naming it:", highlight=False)
    for path in cases or ["none found (no tests or examples folder beside the package)"]:
        console.print(f"  {path}", highlight=False)


def cases_naming(terms: tuple[str, ...]) -> list[str]:
    """Files in the checkout's tests and examples that name the rule (by id or code)."""
    root = _checkout()
    if root is None:
        return []
    found: list[str] = []
    for folder in _CASE_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in _CASE_SUFFIXES or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if any(_names(text, term) for term in terms):
                found.append(str(path.relative_to(root)))
    return found


def _names(text: str, term: str) -> bool:
    # A code like "fever" is a common word: only a quoted one counts as naming the rule.
    if term.startswith(("RF-", "AR-", "PR-")):
        return term in text
    return f'"{term}"' in text or f"'{term}'" in text


def _checkout() -> Path | None:
    """The source checkout holding the package, when it runs from one."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "tests").is_dir():
            return parent
    return None
