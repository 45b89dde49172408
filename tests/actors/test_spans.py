"""Every event leaves the pipeline with its actors spanned and coded."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from marsad.actors import code_event, code_events
from marsad.document import Actor, Document, Entity, Event, Span

from .conftest import Extract

ARTICLE = (
    "موسكو - التقى وزير الخارجية الروسي سيرغي لافروف في موسكو أمس نظيره السعودي عادل الجبير. "
    "وفي بغداد، قتل مسلحون مجهولون ثلاثة من عناصر الشرطة العراقية. "
    "وفرقت قوات الأمن اليمنية متظاهرين أمام مقر الحكومة في عدن. "
    "واعتدى جنود الاحتلال على المصلين."
)


@pytest.fixture(scope="module")
def doc(extract: Extract) -> Document:
    return extract(ARTICLE)


def test_every_event_has_coded_actors_valid_against_the_contract(
        doc: Document, schema: dict[str, Any]) -> None:
    import jsonschema

    data = doc.to_json()
    jsonschema.validate(data, schema)
    assert data["events"], "the article reports events"
    for ev in data["events"]:
        for role in ("source", "target"):
            ids = [a["entity"] for a in ev[f"{role}_actors"] if a["entity"]]
            assert ids == [i for i in ev[role] if i in ids], (ev, role)
            assert set(ev[role]) <= set(ids), "every entity id of a role has its actor"
            for a in ev[f"{role}_actors"]:
                assert doc.text[a["start"]:a["end"]] == a["text"]


def test_the_meeting_has_two_coded_ministers(doc: Document) -> None:
    meeting = next(e for e in doc.events if e.type == "CONSULT")
    source = [(doc.text[a.start:a.end], a.country, a.sector) for a in meeting.source_actors]
    target = [(doc.text[a.start:a.end], a.country, a.sector) for a in meeting.target_actors]
    assert source == [("سيرغي لافروف", "RUS", "GOV")]
    assert target == [("عادل الجبير", "SAU", "GOV")]


def test_a_nominal_actor_is_spanned_with_its_complements(doc: Document) -> None:
    """The events stage names a nominal actor by its head word; its span takes the words
    that belong to it (an agreeing adjective, a complement, a nationality)."""
    def nominal(trigger: str, word: str) -> tuple[str, str | None, str | None]:
        at = doc.text.index(trigger)
        sent = doc.sentence_of(at)
        assert sent is not None
        event = Event("E1", "ASSAULT", Span(at, at + len(trigger)), sent,
                      attrs={"source_text": [word]})
        (actor,) = code_event(doc, event).source_actors
        return doc.text[actor.start:actor.end], actor.country, actor.sector

    assert nominal("قتل", "مسلحون") == ("مسلحون مجهولون", None, "UAF")
    assert nominal("اعتدى", "جنود") == ("جنود الاحتلال", "ISR", "MIL")
    assert nominal("فرقت", "متظاهرين") == ("متظاهرين", "YEM", "CVL")


def _bare_event(doc: Document, **changes: Any) -> Event:
    sent = doc.sentences[0]
    trigger = doc.text.index("التقى")
    base = Event("E1", "CONSULT", Span(trigger, trigger + 5), sent)
    return replace(base, **changes)


def test_actors_given_by_the_events_stage_keep_their_spans_and_get_codes(doc: Document) -> None:
    """The events stage may span the actors itself: this step only codes them."""
    start = doc.text.index("وزير الخارجية")
    span_end = doc.text.index("سيرغي") - 1
    given = Actor(start, span_end, None)  # the title standing for the minister
    event = _bare_event(doc, source_actors=(given,))
    coded = code_event(doc, event).source_actors
    assert [(a.start, a.end, a.entity) for a in coded] == [(start, span_end, None)]
    assert (coded[0].country, coded[0].sector) == ("RUS", "GOV")
    fixed = Actor(start, span_end, None, "UKR", "GOV")
    assert code_event(doc, _bare_event(doc, source_actors=(fixed,))).source_actors == (fixed,)


def test_an_actor_named_before_its_sentence_points_to_its_last_mention() -> None:
    text = "وصل الوزير سالم إلى المدينة. وقد التقى المحافظ."
    first = text.index("سالم")
    ent = Entity("T1", "PER", "سالم", (Span(first, first + 4),), titles=("الوزير",),
                 country="SAU", sector="GOV")
    second = text.index("وقد")
    trigger = text.index("التقى")
    event = Event("E1", "CONSULT", Span(trigger, trigger + 5), Span(second, len(text)),
                  source=("T1",), attrs={"target_text": ["المحافظ"]})
    doc = code_events(Document(text, sentences=(Span(0, second - 1), Span(second, len(text))),
                               entities=(ent,), events=(event,)))
    ev = doc.events[0]
    assert [(a.start, a.entity, a.country, a.sector) for a in ev.source_actors] == [
        (first, "T1", "SAU", "GOV")]
    assert [(doc.text[a.start:a.end], a.entity, a.sector) for a in ev.target_actors] == [
        ("المحافظ", None, "GOV")]


def test_a_nominal_word_not_in_the_sentence_makes_no_actor(doc: Document) -> None:
    event = _bare_event(doc, attrs={"source_text": ["كلمة-ليست-هنا"]})
    assert code_event(doc, event).source_actors == ()
