"""Coordinates for the map: a stored place entity -> its GeoNames point.

A place linked to GeoNames (``kb`` = ``geonames:ID``, set by the linking stage) takes the
point the shipped gazetteer gives that id; a place without a link is looked up by its
Arabic name the way the linking stage does (``linking.geo.lookup_place``). A country is
drawn at its capital, as the gazetteer places it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _points_by_geonameid() -> dict[str, tuple[float, float]]:
    from ..lexicons.tables import load_lexicons

    out: dict[str, tuple[float, float]] = {}
    for places in load_lexicons().places.values():
        for place in places:
            if place.geonameid and place.lat is not None and place.lon is not None:
                out.setdefault(place.geonameid, (place.lat, place.lon))
    return out


def place_point(place: dict[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of a stored place (``views.event_places`` item), or None."""
    kb = place.get("kb") or {}
    if kb.get("source") == "geonames" and kb.get("id"):
        point = _points_by_geonameid().get(str(kb["id"]))
        if point is not None:
            return point
    from ..lexicons.matcher import phrase_key
    from ..linking.geo import lookup_place

    found = lookup_place(phrase_key(place.get("name") or ""))
    if found is not None and found.lat is not None and found.lon is not None:
        return found.lat, found.lon
    return None


def place_points(places: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(places with ``lat``/``lon``, places that have none)."""
    placed, unplaced = [], []
    for p in places:
        point = place_point(p)
        if point is None:
            unplaced.append(p)
        else:
            placed.append({**p, "lat": point[0], "lon": point[1]})
    return placed, unplaced
