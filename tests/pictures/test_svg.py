"""The SVG: well-formed, named and described for screen readers, the same every time."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from backcare.knowledge.loader import Knowledge
from backcare.pictures.pose import Pose
from backcare.pictures.scene import scene
from backcare.pictures.svg import FLOOR, headroom, render

SVG = "{http://www.w3.org/2000/svg}"


def test_every_picture_is_well_formed_with_a_title_and_a_description(
    knowledge: Knowledge,
) -> None:
    for entry_id, poses in knowledge.poses.items():
        for pose in (poses.start, poses.end):
            root = ET.fromstring(render(pose, f"Start position: {entry_id}", standalone=True))
            assert root.tag == f"{SVG}svg"
            assert root.get("role") == "img"
            assert root.findtext(f"{SVG}title") == f"Start position: {entry_id}"
            assert root.findtext(f"{SVG}desc") == pose.description


def test_an_inline_picture_is_well_formed_too(knowledge: Knowledge) -> None:
    pose = knowledge.poses["partner-massage-warm-up-strokes"].end
    root = ET.fromstring(render(pose, "End position"))
    assert root.tag == "svg"
    assert root.find("title") is not None
    assert root.find("g[@class='pose-partner']") is not None


def test_rendering_is_deterministic(knowledge: Knowledge) -> None:
    for poses in knowledge.poses.values():
        again = Pose.model_validate(poses.start.model_dump())
        assert render(poses.start, "t") == render(again, "t")


def test_text_in_a_picture_is_escaped(knowledge: Knowledge) -> None:
    pose = knowledge.poses["stretch-cat-camel"].start
    picture = render(pose, 'Cat & camel <"stretch">')
    assert "<title>Cat &amp; camel &lt;&quot;stretch&quot;&gt;</title>" in picture


def test_pictures_draw_in_the_text_colour_for_light_dark_and_print(knowledge: Knowledge) -> None:
    for poses in knowledge.poses.values():
        for pose in (poses.start, poses.end):
            picture = render(pose, "t", standalone=True)
            assert 'stroke="currentColor"' in picture
            assert not re.search(r"(fill|stroke)=\"#", picture)  # no fixed colour anywhere


def test_each_picture_is_small(knowledge: Knowledge) -> None:
    sizes = [
        len(render(pose, "Start position: a catalog title of forty chars").encode())
        for poses in knowledge.poses.values()
        for pose in (poses.start, poses.end)
    ]
    assert max(sizes) < 1600
    assert sum(sizes) / len(sizes) < 1000


def test_a_frame_cut_to_the_pose_still_shows_the_whole_figure(knowledge: Knowledge) -> None:
    for poses in knowledge.poses.values():
        for pose in (poses.start, poses.end):
            top = headroom(pose)
            for figure in scene(pose).figures():
                assert all(p.y + r <= top for p, r in figure.outline())


def test_lying_down_needs_less_than_half_the_frame(knowledge: Knowledge) -> None:
    bridge = knowledge.poses["strengthen-pelvic-tilt-lying"].start
    standing = knowledge.poses["aerobic-walking"].start
    assert headroom(bridge) < FLOOR / 2 < headroom(standing)
    root = ET.fromstring(render(bridge, "t", top=headroom(bridge)))
    assert root.get("viewBox") == f"0 {FLOOR - headroom(bridge)} 160 {headroom(bridge) + 6}"


def test_the_partner_is_drawn_behind_the_person(knowledge: Knowledge) -> None:
    # Kneeling beside someone lying down, the partner is beyond them: the person's legs and back
    # are drawn over the partner's shins and hands, not the other way round.
    picture = render(knowledge.poses["partner-massage-warm-up-strokes"].end, "t")
    assert picture.index('class="pose-partner"') < picture.index("<circle")
    assert picture.count("<circle") == 2


def test_a_table_and_its_pillows_are_drawn_and_fit_in_the_frame(knowledge: Knowledge) -> None:
    pose = knowledge.poses["partner-massage-position-sitting"].start
    assert [p.kind.value for p in pose.props] == ["chair", "table", "pillow", "pillow"]
    picture = render(pose, "t", standalone=True)
    assert picture.count("<rect") == 2
    assert ET.fromstring(picture) is not None
