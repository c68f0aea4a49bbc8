"""Properties over the pose schema: joint angles stay within human ranges, and any valid pose
draws the one figure as well-formed SVG."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from backcare.pictures.body import pose_figure, segment_lengths
from backcare.pictures.pose import Pose
from backcare.pictures.svg import render

HUMAN_RANGES = {
    "shoulder": (-60, 180),
    "elbow": (0, 150),
    "wrist": (-80, 90),
    "hip": (-30, 140),
    "knee": (0, 155),
    "ankle": (-40, 80),
}
"""Written out again here, independently of the schema, as the ranges the schema must keep."""
BASE: dict[str, Any] = {
    "description": "A figure for a property test.",
    "trunk": 0,
    "touch": {"floor": ["feet"]},
}
angles = st.floats(-360, 360, allow_nan=False)


@given(joint=st.sampled_from(sorted(HUMAN_RANGES)), near=angles, far=angles)
def test_a_pose_is_accepted_only_within_human_ranges(joint: str, near: float, far: float) -> None:
    low, high = HUMAN_RANGES[joint]
    inside = all(low <= angle <= high for angle in (near, far))
    try:
        Pose.model_validate({**BASE, joint: [near, far]})
    except ValidationError:
        assert not inside
    else:
        assert inside


def _within(joint: str) -> st.SearchStrategy[list[float]]:
    low, high = HUMAN_RANGES[joint]
    one = st.floats(low, high, allow_nan=False)
    return st.lists(one, min_size=2, max_size=2)


valid_bodies = st.fixed_dictionaries(
    {
        "trunk": st.floats(-180, 180, allow_nan=False),
        "spine": st.floats(-40, 60, allow_nan=False),
        **{joint: _within(joint) for joint in HUMAN_RANGES},
    }
)


@settings(max_examples=60, deadline=None)
@given(angles_=valid_bodies)
def test_any_valid_pose_draws_the_one_figure_as_well_formed_svg(angles_: dict[str, Any]) -> None:
    pose = Pose.model_validate({**BASE, **angles_})
    lengths = segment_lengths(pose_figure(pose))
    assert lengths == pytest.approx(segment_lengths(pose_figure(Pose.model_validate(BASE))))
    picture = render(pose, "t", standalone=True)
    root = ET.fromstring(picture)
    assert root.findtext("{http://www.w3.org/2000/svg}desc") == BASE["description"]
    assert "nan" not in picture
    assert "inf" not in picture
    assert all(math.isfinite(v) for v in lengths)
