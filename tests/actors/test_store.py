"""Actor codes in the store: filters, corrections that stick, exports, API and the UI.

The articles are written for these tests; they go through the real pipeline (tagger off),
so their events carry coded actors as ``marsad ingest`` would store them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from marsad.actors import code_events
from marsad.document import Actor, Document, Event, Span
from marsad.ingest.dedup import content_hash
from marsad.store import Filters, QueryError, Store
from marsad.store.export import csv_text
from marsad.store.models import parse_actor_code

from .conftest import Extract

MEETING = ("موسكو - استقبل وزير الخارجية الروسي سيرغي لافروف في موسكو أمس نظيره السعودي "
           "عادل الجبير وبحثا العلاقات بين البلدين.")
ATTACK = "بغداد - قتل مسلحون مجهولون ثلاثة من عناصر الشرطة العراقية في بغداد أمس."
LATER = "والتقى الوزير سيرغي لافروف في موسكو أمس وزير الخارجية المصري سامح شكري."


def _meeting_event(doc: Document, host: str, guest: str, trigger: str) -> Document:
    """The meeting as the events stage reports it: host (source) meets guest (target)."""
    by_name = {e.name: e for e in doc.entities}
    at = doc.text.index(trigger)
    sent = doc.sentence_of(at)
    assert sent is not None
    place = [e.id for e in doc.entities if e.name == "موسكو"]
    event = Event("E1", "CONSULT", Span(at, at + len(trigger)), sent,
                  source=(by_name[host].id,), target=(by_name[guest].id,),
                  location=tuple(place[:1]), date="2015-08-01")
    return code_events(doc.with_layers(events=(event,)))


def _attack_event(doc: Document) -> Document:
    at = doc.text.index("قتل")
    sent = doc.sentence_of(at)
    assert sent is not None
    police = next(e for e in doc.entities if e.name == "الشرطة العراقية")
    event = Event("E1", "ASSAULT", Span(at, at + 3), sent, target=(police.id,),
                  attrs={"source_text": ["مسلحون"]})
    return code_events(doc.with_layers(events=(event,)))


def _add(store: Store, doc: Document, doc_id: str) -> None:
    doc = replace(doc, id=doc_id)
    store.add_document(doc, content_hash=content_hash(doc.text))


@pytest.fixture()
def store(tmp_path: Path, extract: Extract) -> Store:
    s = Store(tmp_path / "actors.db")
    _add(s, _meeting_event(extract(MEETING), "سيرغي لافروف", "عادل الجبير", "استقبل"), "meeting")
    _add(s, _attack_event(extract(ATTACK)), "attack")
    return s


def test_who_did_russian_officials_meet_is_one_filter(store: Store) -> None:
    page = store.events(Filters(event_type="CONSULT", actor="RUSGOV"))
    assert page.total == 1
    (event,) = page.items
    assert [(a["name"], a["country"], a["sector"]) for a in event["target_actors"]] == [
        ("عادل الجبير", "SAU", "GOV")]
    assert store.events(Filters(source_actor="RUS GOV")).total == 1
    assert store.events(Filters(target_actor="RUSGOV")).total == 0
    assert store.events(Filters(target_actor="sau")).total == 1


def test_nominal_actors_are_filtered_by_sector(store: Store) -> None:
    page = store.events(Filters(source_actor="UAF"))
    assert [e["type"] for e in page.items] == ["ASSAULT"]
    assert page.items[0]["source_actors"][0]["id"] is None  # مسلحون: no entity
    assert store.events(Filters(target_actor="IRQCOP")).total == 1
    assert store.search(Filters(actor="UAF")).total == 1  # stories with such an actor


@pytest.mark.parametrize("bad", ["RUSSIA", "RUSXXX", "12", "GO"])
def test_a_bad_actor_code_is_a_clear_error(bad: str) -> None:
    with pytest.raises(QueryError, match="actor"):
        Filters(actor=bad)
    assert parse_actor_code("rus.gov") == ("RUS", "GOV")
    assert parse_actor_code("GOV") == (None, "GOV") and parse_actor_code("EGY") == ("EGY", None)


def test_a_correction_overrides_and_sticks(store: Store, extract: Extract) -> None:
    lavrov = store.events(Filters(actor="RUSGOV")).items[0]["source_actors"][0]["id"]
    store.set_code(lavrov, country="UKR")  # a person says so
    assert store.events(Filters(actor="RUSGOV")).total == 0
    assert store.events(Filters(actor="UKRGOV")).total == 1
    doc = store.document("meeting")
    assert doc is not None
    ent = next(e for e in doc["entities"] if e["store_id"] == lavrov)
    assert (ent["country"], ent["sector"]) == ("UKR", "GOV")
    assert doc["events"][0]["source_actors"][0]["country"] == "UKR"
    # a later article says RUS again: the correction wins there too
    later = _meeting_event(extract(LATER), "سيرغي لافروف", "سامح شكري", "التقى")
    assert later.events[0].source_actors[0].country == "RUS"
    _add(store, later, "later")
    assert store.events(Filters(source_actor="UKRGOV")).total == 2
    assert store.entity_code(lavrov) == {"country": "UKR", "sector": "GOV",
                                         "origins": {"country": "user", "sector": "doc"}}
    assert [c["op"] for c in store.corrections()] == ["code"]
    store.set_code(lavrov, sector="none")
    assert store.events(Filters(source_actor="UKR")).items[0]["source_actors"][0]["sector"] is None
    with pytest.raises(QueryError):
        store.set_code(lavrov, sector="KING")


def test_an_import_overrides_articles_but_not_a_person(store: Store) -> None:
    lavrov = store.events(Filters(actor="RUSGOV")).items[0]["source_actors"][0]["id"]
    store.set_imported_code(lavrov, country="BLR")
    assert store.entity_code(lavrov)["country"] == "BLR"
    store.set_code(lavrov, country="RUS")
    store.set_imported_code(lavrov, country="BLR")
    assert store.entity_code(lavrov)["country"] == "RUS"


def test_a_merge_keeps_the_codes(store: Store) -> None:
    event = store.events(Filters(actor="RUSGOV")).items[0]
    lavrov, jubeir = event["source_actors"][0]["id"], event["target_actors"][0]["id"]
    store.set_code(jubeir, sector="MIL")
    survivor = store.merge(lavrov, jubeir)
    assert store.entity_code(survivor)["sector"] == "MIL"  # the person's value outranks
    assert store.events(Filters(actor="MIL")).total == 1


def test_the_export_has_actor_and_place_columns(store: Store) -> None:
    rows = {r["event_type"]: r for r in csv.DictReader(io.StringIO(
        csv_text(store, "events", Filters())))}
    meeting, attack = rows["CONSULT"], rows["ASSAULT"]
    assert (meeting["source_country"], meeting["source_sector"]) == ("RUS", "GOV")
    assert (meeting["target_country"], meeting["target_sector"]) == ("SAU", "GOV")
    assert meeting["country"] == "RUS" and meeting["geonames_id"] == "524901"
    assert abs(float(meeting["latitude"]) - 55.75) < 0.1 and meeting["admin1"] == "RU.48"
    assert (attack["source_country"], attack["source_sector"]) == ("", "UAF")
    assert (attack["target_country"], attack["target_sector"]) == ("IRQ", "COP")
    entities = list(csv.DictReader(io.StringIO(csv_text(store, "entities", Filters(actor="RUS")))))
    assert {e["name"] for e in entities} >= {"سيرغي لافروف", "موسكو"}
    assert all(e["country"] == "RUS" for e in entities)


def test_a_store_made_before_the_actor_tables_gets_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as s:
        s.conn.executescript("DROP TABLE event_actors; DROP TABLE entity_codes;")
    with Store(path, readonly=True) as s:
        assert s.events(Filters(actor="RUS")).total == 0


def test_old_events_without_actor_spans_are_stored_with_none(tmp_path: Path,
                                                             extract: Extract) -> None:
    doc = extract(MEETING)
    at = doc.text.index("استقبل")
    sent = doc.sentence_of(at)
    assert sent is not None
    bare = Event("E1", "CONSULT", Span(at, at + 6), sent,
                 source_actors=(Actor(doc.text.index("سيرغي"), doc.text.index("سيرغي") + 12,
                                      None, "RUS", "GOV"),))
    with Store(tmp_path / "s.db") as s:
        _add(s, doc.with_layers(events=(bare,)), "bare")
        assert s.events(Filters(source_actor="RUSGOV")).total == 1


# --- the API and the web UI --------------------------------------------------------------


@pytest.fixture()
def client(store: Store) -> Any:
    from marsad.api.app import create_app
    from tests.api.client import make_client

    path = store.path
    store.close()
    return make_client(create_app(str(path)), raise_server_exceptions=False)


def test_the_api_asks_who_russian_officials_met_in_one_query(client: Any) -> None:
    got = client.get("/api/events", params={"event_type": "CONSULT", "actor": "RUSGOV"})
    assert got.status_code == 200
    body = got.json()
    assert body["meta"]["total"] == 1 and body["meta"]["filters"]["actor"] == "RUSGOV"
    met = body["data"][0]["target_actors"]
    assert [(a["name"], a["country"], a["sector"]) for a in met] == [("عادل الجبير", "SAU", "GOV")]
    bad = client.get("/api/events", params={"source_actor": "RUSSIA"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"
    exported = client.get("/api/export/events", params={"target_actor": "IRQCOP"})
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [(r["source_sector"], r["target_country"]) for r in rows] == [("UAF", "IRQ")]


def test_the_events_page_filters_by_actor_code(client: Any) -> None:
    page = client.get("/events", params={"event_type": "CONSULT", "actor": "RUSGOV"})
    assert page.status_code == 200
    html = page.text
    assert 'id="preset-russian-meetings"' in html and "actor=RUSGOV" in html
    assert 'name="source_actor"' in html and 'name="target_actor"' in html
    assert "عادل الجبير" in html and ">SAUGOV</code>" in html
    assert "مسلحون" not in html  # the attack is filtered out
    wrong = client.get("/events", params={"actor": "XX"})
    assert wrong.status_code == 200 and "actor must be an actor code" in wrong.text
