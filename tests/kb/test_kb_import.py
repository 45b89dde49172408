"""Wikidata dump import: streaming parser, matcher, and ``marsad kb import`` on a store.

``data/dump.json`` is a small dump written for these tests in the real format (a JSON
array, one entity per line); its ids (Q9000xx) are made up.
"""

from __future__ import annotations

import bz2
import gzip
import shutil
from pathlib import Path

import pytest

from marsad.cli import main
from marsad.document import Document
from marsad.errors import MalformedInputError
from marsad.kb import AliasIndex, IndexedEntity, import_dump, iter_wikidata, match_items

DUMP = Path(__file__).parent / "data" / "dump.json"


@pytest.fixture(params=["json", "gz", "bz2"])
def dump(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    raw = DUMP.read_bytes()
    if request.param == "json":
        return DUMP
    if request.param == "gz":
        path = tmp_path / "dump.json.gz"
        path.write_bytes(gzip.compress(raw))
    else:
        path = tmp_path / "dump.json.bz2"
        path.write_bytes(bz2.compress(raw))
    return path


def test_items_are_streamed_in_every_compression(dump: Path) -> None:
    items = list(iter_wikidata(dump))
    assert [i.id for i in items] == ["Q900001", "Q900002", "Q900003", "Q900004", "Q900005", "P31"]
    haftar = items[0]
    assert haftar.labels == {"ar": "خليفة حفتر", "en": "Khalifa Haftar"}
    assert haftar.names("ar") == ["خليفة حفتر", "خليفة بلقاسم حفتر"]
    assert haftar.instance_of == ("Q5",)
    assert haftar.sitelinks == 2
    assert items[4].instance_of == ()  # a "somevalue" claim has no item


def test_a_bad_line_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    lines = DUMP.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"id": "Q1", "labels": ')
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(MalformedInputError, match="line 3"):
        list(iter_wikidata(path))
    bad: list[int] = []
    assert len(list(iter_wikidata(path, errors="skip", bad_lines=bad))) == 6
    assert bad == [3]


def index_of(*entities: tuple[str, str, list[str]]) -> AliasIndex:
    index = AliasIndex()
    for eid, etype, aliases in entities:
        index.add(IndexedEntity(eid, etype), aliases)
    return index


def test_matching_prefers_labels_and_respects_types() -> None:
    index = index_of(("E1", "PER", ["خليفة حفتر", "حفتر"]), ("E2", "GPE", ["موسكو"]),
                     ("E3", "ORG", ["سبوتنيك"]), ("E4", "PER", ["بوتين"]))
    found = match_items(iter_wikidata(DUMP), index)
    assert found["E1"].qid == "Q900001"  # the label beats Q900004's alias despite sitelinks
    assert found["E1"].name_en == "Khalifa Haftar"
    assert found["E2"].qid == "Q900002"
    assert found["E3"].qid == "Q900005"  # an item of unknown type may link
    assert "E4" not in found


def test_a_village_never_links_to_a_person() -> None:
    index = index_of(("E1", "PER", ["حفتر"]))
    assert match_items(iter_wikidata(DUMP), index) == {}


def test_an_existing_wikidata_link_is_kept() -> None:
    index = AliasIndex()
    index.add(IndexedEntity("E1", "PER", {"source": "wikidata", "id": "Q1"}), ["خليفة حفتر"])
    assert match_items(iter_wikidata(DUMP), index) == {}


def test_import_writes_through_the_store_protocol() -> None:
    class FakeStore:
        def __init__(self) -> None:
            self.calls: list[tuple[str, str, str, str | None]] = []

        def set_kb(self, entity_id: str, source: str, id: str, name_en: str | None = None) -> str:
            self.calls.append((entity_id, source, id, name_en))
            return entity_id

    store = FakeStore()
    import_dump(DUMP, store, index_of(("E2", "GPE", ["موسكو"])))
    assert store.calls == [("E2", "wikidata", "Q900002", "Moscow")]


def test_marsad_kb_import_links_stored_entities(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from marsad.pipeline import Pipeline
    from marsad.store import Store

    db = tmp_path / "m.db"
    pipe = Pipeline(["text", "entities", "linking"], options={"entities": {"use_tagger": False}})
    doc = pipe.run(Document("التقى المشير خليفة حفتر في موسكو وفدا روسيا."))
    with Store(db) as store:
        store.add_document(doc, content_hash="h1")
    dump = tmp_path / "dump.json.gz"
    with DUMP.open("rb") as src, gzip.open(dump, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert main(["kb", "import", str(dump), "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "linked" in out.err
    with Store(db, readonly=True) as store:
        haftar = store.entities_by_alias("خليفة حفتر", type="PER")
        moscow = store.entities_by_alias("موسكو")
        assert haftar and haftar[0].kb == {"source": "wikidata", "id": "Q900001"}
        assert moscow and moscow[0].kb == {"source": "wikidata", "id": "Q900002"}
        assert moscow[0].name_en == "Moscow"
