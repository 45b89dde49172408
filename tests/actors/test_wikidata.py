"""Countries from a Wikidata import: P27/P17 resolved through the country's P298 code."""

from __future__ import annotations

from pathlib import Path

from marsad.cli import main
from marsad.document import Document
from marsad.kb import iter_wikidata
from marsad.store import Store

DUMP = Path(__file__).resolve().parent / "data" / "wikidata.json"


def test_the_dump_gives_countries_and_iso_codes() -> None:
    items = {i.id: i for i in iter_wikidata(DUMP)}
    assert items["Q910001"].countries == ("Q910002",)
    assert items["Q910002"].iso3 == "SAU" and items["Q910001"].iso3 is None


def test_marsad_kb_import_codes_the_linked_entities(tmp_path: Path) -> None:
    from marsad.pipeline import DEFAULT_STAGES, Pipeline

    pipe = Pipeline(list(DEFAULT_STAGES), options={"entities": {"use_tagger": False}})
    doc = pipe.run(Document("والتقى الوزير عادل الجبير في الرياض الوزير سامح شكري."))
    jubeir = next(e for e in doc.entities if e.name == "عادل الجبير")
    db = tmp_path / "kb.db"
    with Store(db) as store:
        store.add_document(doc, content_hash="h1")
        (stored,) = store.entities_by_alias("عادل الجبير", type="PER")
        store.set_code(stored.id, sector="MIL")  # a person's correction stays
    assert jubeir.country == "SAU"  # the table already knows him; Wikidata confirms it
    assert main(["kb", "import", str(DUMP), "--db", str(db)]) == 0
    with Store(db, readonly=True) as store:
        assert store.entity_code(stored.id) == {
            "country": "SAU", "sector": "MIL",
            "origins": {"country": "wikidata", "sector": "user"}}
        (shoukry,) = store.entities_by_alias("سامح شكري", type="PER")
        # linked, but its country's item is not in the dump: its code is left as it was
        assert store.entity_code(shoukry.id)["origins"].get("country") != "wikidata"
