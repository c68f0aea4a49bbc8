"""One consistent figure: the same segment lengths in every pose, and contacts that touch.

The renderer only sets the figure's lowest part on the floor (or its pelvis on a seat), so a
wrong joint angle shows up here as a foot in the air, a back off the mat or a knee in the floor.
"""

from __future__ import annotations

import math

import pytest

from backcare.knowledge.loader import Knowledge
from backcare.pictures.body import (
    FOOT,
    FOOT_HEIGHT,
    FOREARM,
    HAND,
    SHIN,
    THIGH,
    UPPER_ARM,
    pose_figure,
    segment_lengths,
)
from backcare.pictures.pose import Body, Pose, Rest, View
from backcare.pictures.scene import scene
from backcare.pictures.touch import TOLERANCE, contact_gaps, geometry

LYING_ON_THE_BACK = (-100, -80)
UPRIGHT = (-20, 20)
CURL = 10


def _all_poses(knowledge: Knowledge) -> list[tuple[str, Pose]]:
    return [
        (f"{entry_id} {which}", pose)
        for entry_id, poses in knowledge.poses.items()
        for which, pose in (("start", poses.start), ("end", poses.end))
    ]


FLAT = {
    "hip_turn": (0.0, 0.0),
    "shoulder_turn": (0.0, 0.0),
    "hip_flex": (0.0, 0.0),
    "legs_roll": 0.0,
}
"""Nothing turned out of the picture, so every segment shows its full length."""


def _flat(body: Body) -> Body:
    return body.model_copy(update=FLAT)


def _model_lengths(view: View) -> tuple[float, ...]:
    foot = FOOT_HEIGHT if view == View.front else FOOT
    return (UPPER_ARM, FOREARM, HAND) * 2 + (THIGH, SHIN, foot) * 2


def test_every_pose_draws_the_same_figure(knowledge: Knowledge) -> None:
    for name, pose in _all_poses(knowledge):
        drawn = segment_lengths(pose_figure(_flat(pose)))
        assert drawn == pytest.approx(_model_lengths(pose.view), abs=1e-9), name


def test_a_turned_limb_is_only_ever_shorter(knowledge: Knowledge) -> None:
    for name, pose in _all_poses(knowledge):
        for drawn, full in zip(
            segment_lengths(pose_figure(pose)), _model_lengths(pose.view), strict=True
        ):
            assert drawn <= full + 1e-9, name


def test_every_declared_contact_touches_its_surface(knowledge: Knowledge) -> None:
    misses = [
        f"{name}: {gap}"
        for name, pose in _all_poses(knowledge)
        for gap in contact_gaps(scene(pose))
        if abs(gap.gap) > TOLERANCE
    ]
    assert misses == []


def test_nothing_sinks_into_the_floor(knowledge: Knowledge) -> None:
    for name, pose in _all_poses(knowledge):
        for figure in scene(pose).figures():
            lowest = min(point.y - radius for point, radius in figure.outline())
            assert lowest >= -TOLERANCE, name


def _floor_gap(pose: Pose, part: str) -> float:
    segments, radius = geometry(scene(pose).figure, part)
    return min(min(a.y, b.y) for a, b in segments) - radius


def test_standing_figures_have_a_foot_on_the_floor(knowledge: Knowledge) -> None:
    standing = [
        (name, pose)
        for name, pose in _all_poses(knowledge)
        if pose.rest == Rest.floor and UPRIGHT[0] <= pose.trunk <= UPRIGHT[1] and max(pose.hip) < 60
    ]
    assert len(standing) >= 20
    for name, pose in standing:
        feet = [
            _floor_gap(pose, f"{side}_{end}") for side in ("near", "far") for end in ("heel", "toe")
        ]
        assert min(feet) <= TOLERANCE, name


def test_figures_lying_on_their_back_have_the_back_on_the_floor(knowledge: Knowledge) -> None:
    lying = [
        (name, pose)
        for name, pose in _all_poses(knowledge)
        if pose.view == View.side
        and LYING_ON_THE_BACK[0] <= pose.trunk <= LYING_ON_THE_BACK[1]
        and pose.rest == Rest.floor
        and not any(p.kind.value == "roller" for p in pose.props)
    ]
    assert len(lying) >= 20
    for name, pose in lying:
        assert _floor_gap(pose, "pelvis") <= TOLERANCE, name
        if pose.spine <= CURL:  # a curl-up lifts the shoulders on purpose
            assert _floor_gap(pose, "shoulders") <= TOLERANCE, name


def test_a_wrong_knee_angle_lifts_the_feet_off_the_floor(knowledge: Knowledge) -> None:
    bridge = knowledge.poses["strengthen-glute-bridge"].start
    assert all(abs(g.gap) <= TOLERANCE for g in contact_gaps(scene(bridge)))
    wrong = bridge.model_copy(update={"knee": (40.0, 40.0)})
    assert any(g.part.endswith("heel") and g.gap > TOLERANCE for g in contact_gaps(scene(wrong)))


def test_a_partner_figure_is_the_same_figure(knowledge: Knowledge) -> None:
    partnered = [pose for _, pose in _all_poses(knowledge) if pose.partner is not None]
    assert len(partnered) >= 8
    for pose in partnered:
        assert pose.partner is not None
        partner = pose_figure(_flat(pose.partner))
        assert segment_lengths(partner) == pytest.approx(_model_lengths(pose.partner.view))
        assert math.isfinite(partner.head.x)


def test_sitting_seen_from_the_front_brings_the_thighs_towards_the_viewer(
    knowledge: Knowledge,
) -> None:
    sitting = knowledge.poses["mobility-seated-side-bend"].start
    assert sitting.view == View.front
    assert all(abs(g.gap) <= TOLERANCE for g in contact_gaps(scene(sitting)))
    # Without the thighs coming forward the legs would hang straight down through the floor.
    hanging = sitting.model_copy(update={"hip_flex": (0.0, 0.0)})
    assert any(g.part.endswith("toe") and g.gap < -TOLERANCE for g in contact_gaps(scene(hanging)))


def test_turned_shoulders_look_closer_together(knowledge: Knowledge) -> None:
    turned = knowledge.poses["mobility-seated-trunk-rotation"].end
    facing = turned.model_copy(update={"chest_turn": 0.0})
    width = [
        abs(pose_figure(p).arms[0].root.x - pose_figure(p).arms[1].root.x) for p in (turned, facing)
    ]
    assert width[0] < width[1]
    assert segment_lengths(pose_figure(turned)) == pytest.approx(
        segment_lengths(pose_figure(facing))
    )
