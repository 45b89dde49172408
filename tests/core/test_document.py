from __future__ import annotations

from typing import Any

import jsonschema

from marsad.document import DateExpr, Document, Entity, Event, Quote, Span


def _doc() -> Document:
    text = "التقى حفتر بوتين في موسكو يوم الخميس، وقال إن اللقاء مهم."
    def sp(s: str) -> Span:
        i = text.index(s)
        return Span(i, i + len(s))

    return Document(
        text=text, published="2023-09-28",
        sentences=(Span(0, len(text)),),
        entities=(
            Entity("T1", "PER", "حفتر", (sp("حفتر"),), name_en="Khalifa Haftar"),
            Entity("T2", "PER", "بوتين", (sp("بوتين"),), name_en="Vladimir Putin"),
            Entity("T3", "GPE", "موسكو", (sp("موسكو"),), name_en="Moscow",
                   kb={"source": "geonames", "id": "524901"}),
        ),
        dates=(DateExpr(sp("يوم الخميس").start, sp("يوم الخميس").end, "2023-09-28"),),
        events=(Event("V1", "CONSULT", sp("التقى"), Span(0, len(text)), ("T1",), ("T2",),
                      ("T3",), "2023-09-28", mode="meet"),),
        quotes=(Quote("Q1", sp("اللقاء مهم").start, sp("اللقاء مهم").end, "indirect", "T1",
                      sp("وقال")),),
    )


def test_to_json_validates_against_the_contract(schema: dict[str, Any]) -> None:
    jsonschema.validate(_doc().to_json(), schema)


def test_empty_document_validates(schema: dict[str, Any]) -> None:
    jsonschema.validate(Document("نص").to_json(), schema)


def test_json_round_trip() -> None:
    doc = _doc()
    again = Document.from_json(doc.to_json())
    assert again.to_json() == doc.to_json()


def test_every_span_slices_the_text() -> None:
    doc = _doc()
    data = doc.to_json()
    for ent in data["entities"]:
        for m in ent["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    assert data["quotes"][0]["text"] == "اللقاء مهم"


def test_id_is_stable_for_the_same_text() -> None:
    assert Document("نص").id == Document("نص").id != Document("نص آخر").id
