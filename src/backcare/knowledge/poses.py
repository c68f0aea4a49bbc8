"""The pictures' pose data (``poses.yaml``): validated, and checked against the catalog.

Every entry a person does with their body (exercise, stretch, mobility, aerobic activity,
massage and foam rolling) has a start and an end pose; a pose for an id the catalog does not
have is a mistake too. Both checks name every id at fault, so a new entry's missing poses are
found at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from backcare.domain.knowledge.schema import CatalogEntry
from backcare.domain.vocabulary import Kind
from backcare.pictures.pose import EntryPoses

PICTURED_KINDS = frozenset(
    {
        Kind.strengthen,
        Kind.stretch,
        Kind.mobility,
        Kind.aerobic,
        Kind.self_massage,
        Kind.partner_massage,
        Kind.foam_rolling,
    }
)


class PoseError(ValueError):
    """The pose file is inconsistent; the message names the entries at fault."""


def parse_poses(doc: Mapping[str, Any]) -> dict[str, EntryPoses]:
    """Each entry's start and end pose from the file's ``poses`` mapping, validated."""
    raw = doc.get("poses")
    if not isinstance(raw, dict):
        raise PoseError("poses.yaml: expected a 'poses' mapping of catalog ids")
    poses: dict[str, EntryPoses] = {}
    for entry_id, entry in raw.items():
        try:
            poses[str(entry_id)] = EntryPoses.model_validate(entry)
        except ValidationError as exc:
            raise PoseError(f"poses.yaml {entry_id}: {exc}") from exc
    return poses


def check_poses(poses: Mapping[str, EntryPoses], catalog: Mapping[str, CatalogEntry]) -> None:
    """Every pictured entry has poses, and every pose belongs to a pictured entry."""
    unknown = sorted(set(poses) - set(catalog))
    if unknown:
        raise PoseError(f"poses.yaml: poses for ids the catalog does not have: {unknown}")
    unpictured = sorted(i for i in poses if catalog[i].kind not in PICTURED_KINDS)
    if unpictured:
        raise PoseError(f"poses.yaml: poses for entries that are not exercises: {unpictured}")
    missing = sorted(
        e.id for e in catalog.values() if e.kind in PICTURED_KINDS and e.id not in poses
    )
    if missing:
        raise PoseError(f"poses.yaml: no start and end pose for {', '.join(missing)}")


def load_poses(
    doc: Mapping[str, Any], catalog: Mapping[str, CatalogEntry]
) -> Mapping[str, EntryPoses]:
    """The checked poses, read-only, in the file's order."""
    poses = parse_poses(doc)
    check_poses(poses, catalog)
    return MappingProxyType(poses)
