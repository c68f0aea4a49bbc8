"""The pose file: every pictured entry has both poses, each pose names a real entry."""

from __future__ import annotations

from typing import Any

import pytest

from backcare.knowledge.loader import Knowledge
from backcare.knowledge.poses import PICTURED_KINDS, PoseError, check_poses, parse_poses

STANDING: dict[str, Any] = {
    "description": "Standing tall with the arms by the sides.",
    "trunk": 0,
    "touch": {"floor": ["feet"]},
}


def test_every_pictured_entry_has_a_start_and_an_end_pose(knowledge: Knowledge) -> None:
    pictured = {e.id for e in knowledge.catalog.values() if e.kind in PICTURED_KINDS}
    assert len(pictured) >= 60
    assert set(knowledge.poses) == pictured


def test_every_pose_describes_its_position_in_words(knowledge: Knowledge) -> None:
    for entry_id, poses in knowledge.poses.items():
        for pose in (poses.start, poses.end):
            assert len(pose.description.split()) >= 8, entry_id
        assert poses.start.description != poses.end.description, entry_id


def test_a_missing_pose_names_each_missing_entry(knowledge: Knowledge) -> None:
    poses = dict(knowledge.poses)
    del poses["strengthen-glute-bridge"], poses["stretch-cat-camel"]
    with pytest.raises(PoseError, match="strengthen-glute-bridge, stretch-cat-camel"):
        check_poses(poses, knowledge.catalog)


def test_a_pose_for_an_unknown_entry_is_refused(knowledge: Knowledge) -> None:
    poses = {**knowledge.poses, "stretch-made-up": knowledge.poses["stretch-cat-camel"]}
    with pytest.raises(PoseError, match="stretch-made-up"):
        check_poses(poses, knowledge.catalog)


def test_a_pose_for_advice_is_refused(knowledge: Knowledge) -> None:
    advice = next(e.id for e in knowledge.catalog.values() if e.kind not in PICTURED_KINDS)
    poses = {**knowledge.poses, advice: knowledge.poses["stretch-cat-camel"]}
    with pytest.raises(PoseError, match=advice):
        check_poses(poses, knowledge.catalog)


def test_an_impossible_knee_angle_fails_at_load_naming_the_entry() -> None:
    bent_backwards = {**STANDING, "knee": -20}
    doc = {"poses": {"stretch-test": {"start": STANDING, "end": bent_backwards}}}
    with pytest.raises(PoseError, match=r"stretch-test[\s\S]*-20 degrees is outside 0 to 155"):
        parse_poses(doc)


def test_an_unknown_body_part_fails_at_load() -> None:
    wrong = {**STANDING, "touch": {"floor": ["tail"]}}
    with pytest.raises(PoseError, match="tail"):
        parse_poses({"poses": {"stretch-test": {"start": STANDING, "end": wrong}}})


def test_a_thigh_towards_the_viewer_and_a_chair_from_the_front_are_front_view_only() -> None:
    sitting = {**STANDING, "rest": "seat", "touch": {"chair": ["pelvis"]}}
    side_chair = [{"kind": "chair", "x": 6}]
    with pytest.raises(PoseError, match="seen from the front only"):
        parse_poses({"poses": {"t": {"start": STANDING, "end": {**STANDING, "hip_flex": 80}}}})
    front_chair = {**sitting, "props": [{"kind": "chair", "front": True}]}
    with pytest.raises(PoseError, match="goes with a figure seen from the front"):
        parse_poses(
            {"poses": {"t": {"start": {**sitting, "props": side_chair}, "end": front_chair}}}
        )
    with pytest.raises(PoseError, match="only a chair is drawn from the front"):
        parse_poses(
            {
                "poses": {
                    "t": {
                        "start": STANDING,
                        "end": {**STANDING, "props": [{"kind": "wall", "front": True}]},
                    }
                }
            }
        )
