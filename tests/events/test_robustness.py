"""The events stage ends on every input (a coordination chain once looped forever)."""

from __future__ import annotations


def test_head_of_stops_on_a_coordination_loop() -> None:
    from marsad.events.actors import Actor
    from marsad.events.roles import head_of as _head_of

    a = Actor(0, 0, "T1", "PER", marker="coord", coord_with=1, conjunct=True)
    b = Actor(2, 2, "T2", "PER", marker="coord", coord_with=0, conjunct=True)
    assert _head_of(a, [a, b]) in (a, b)
