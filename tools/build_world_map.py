"""Build marsad/data/geo/countries.json, the country outlines the event map is drawn over.

The outlines are Natural Earth's 1:110m admin-0 countries, which Natural Earth places in
the public domain ("No permission is needed to use Natural Earth"). They are read from the
copy the ``geopandas`` 0.14 wheel on PyPI carries (``geopandas/datasets/naturalearth_lowres``:
a shapefile with ``name`` and ``iso_a3``); nothing else of geopandas is used or shipped.

    python tools/build_world_map.py                  # pip-downloads the wheel to a temp dir
    python tools/build_world_map.py geopandas-0.14.4-py3-none-any.whl

The shapefile is read here with the standard library (polygons only), simplified
(Douglas-Peucker, ``TOLERANCE`` degrees) and rounded to two decimals, which keeps the
file small and is finer than a map of the region in a page can show.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

WHEEL = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parents[1] / "marsad" / "data" / "geo" / "countries.json"
# degrees; at the map's widest (the whole world in 1,000 px) a pixel is 0.36 degrees
TOLERANCE = 0.08

Ring = list[tuple[float, float]]


def read_shapes(shp: bytes) -> list[list[Ring]]:
    """The polygons of a shapefile (type 5), each as its rings of (lon, lat)."""
    shapes: list[list[Ring]] = []
    pos = 100
    while pos < len(shp):
        _, length = struct.unpack(">ii", shp[pos:pos + 8])
        content = shp[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        (kind,) = struct.unpack("<i", content[:4])
        if kind == 0:
            shapes.append([])
            continue
        if kind != 5:
            raise ValueError(f"shape type {kind} is not a polygon")
        nparts, npoints = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{nparts}i", content[44:44 + 4 * nparts]))
        at = 44 + 4 * nparts
        points = [struct.unpack("<dd", content[at + 16 * i:at + 16 * i + 16])
                  for i in range(npoints)]
        rings = [points[start:end] for start, end in zip(parts, [*parts[1:], npoints], strict=True)]
        shapes.append(rings)
    return shapes


def read_dbf(dbf: bytes) -> list[dict[str, str]]:
    """The records of a dBASE table, every field as stripped text."""
    count, header_len, record_len = struct.unpack("<IHH", dbf[4:12])
    fields = []
    pos = 32
    while dbf[pos] != 0x0D:
        name = dbf[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[pos + 16]))
        pos += 32
    records = []
    for i in range(count):
        rec = dbf[header_len + i * record_len:header_len + (i + 1) * record_len]
        at = 1  # the deletion flag
        row = {}
        for name, size in fields:
            row[name] = rec[at:at + size].decode("utf-8", "replace").strip()
            at += size
        records.append(row)
    return records


def simplify(ring: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, keeping the first and last point."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    stack = [(0, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        (x1, y1), (x2, y2) = ring[a], ring[b]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, far = -1.0, -1
        for i in range(a + 1, b):
            x, y = ring[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else (
                (x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, far = d, i
        if far != -1 and best > tolerance:
            keep[far] = True
            stack.extend([(a, far), (far, b)])
    return [p for p, k in zip(ring, keep, strict=True) if k]


def wheel_path(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    tmp = Path(tempfile.mkdtemp(prefix="marsad-ne-"))
    subprocess.run([sys.executable, "-m", "pip", "download", WHEEL, "--no-deps", "-q", "-d",
                    str(tmp)], check=True)
    return next(tmp.glob("geopandas-*.whl"))


def main(argv: list[str]) -> int:
    wheel = wheel_path(argv)
    with zipfile.ZipFile(wheel) as z:
        shp = z.read(MEMBER + ".shp")
        dbf = z.read(MEMBER + ".dbf")
    shapes, records = read_shapes(shp), read_dbf(dbf)
    countries = []
    for rec, rings in zip(records, shapes, strict=True):
        kept = []
        for ring in rings:
            small = simplify(ring, TOLERANCE)
            if len(small) >= 4:
                kept.append([[round(x, 2), round(y, 2)] for x, y in small])
        if kept:
            countries.append({"iso": rec["iso_a3"], "name": rec["name"], "rings": kept})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    body = {"source": "Natural Earth 1:110m admin-0 countries, via the geopandas 0.14.4 wheel "
                      "(geopandas/datasets/naturalearth_lowres)",
            "licence": "public domain (Natural Earth)", "tolerance_degrees": TOLERANCE,
            "countries": countries}
    buf = io.StringIO()
    json.dump(body, buf, ensure_ascii=False, separators=(",", ":"))
    OUT.write_text(buf.getvalue() + "\n", encoding="utf-8")
    points = sum(len(r) for c in countries for r in c["rings"])
    print(f"wrote {OUT} ({len(countries)} countries, {points} points, "
          f"{OUT.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
