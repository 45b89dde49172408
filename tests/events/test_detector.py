"""The trained detector, actor spans and happenings (issue 11)."""

from __future__ import annotations

import numpy as np

from marsad.document import EVENT_TYPES
from marsad.events.detector import NONE, EventDetector, Model, load_detector
from marsad.events.finder import event_candidates, find_events
from marsad.events.training import Example, fit, folds

from .conftest import Build, build


def test_the_shipped_detector_loads_with_every_type() -> None:
    detector = load_detector()
    assert detector is not None
    assert detector.model.classes == [NONE, *EVENT_TYPES]
    assert len(detector.model.features) > 1000


def test_training_is_deterministic_and_learns() -> None:
    examples = [Example(["bias", "w:هاجم"], "ASSAULT", f"d{i}", "t") for i in range(6)]
    examples += [Example(["bias", "w:قال"], NONE, f"e{i}", "t") for i in range(6)]
    first, second = fit(examples, seed=3, epochs=80), fit(examples, seed=3, epochs=80)
    assert np.array_equal(first.weights, second.weights)
    probs = first.probabilities([["bias", "w:هاجم"], ["bias", "w:قال"]])
    assert first.classes[int(np.argmax(probs[0]))] == "ASSAULT"
    assert first.classes[int(np.argmax(probs[1]))] == NONE


def test_folds_keep_each_document_whole() -> None:
    groups = [f"doc{i % 7}" for i in range(40)]
    parts = folds(groups, 3, seed=13)
    assert set().union(*parts) == set(groups)
    assert sum(len(p) for p in parts) == 7  # every document in exactly one fold


def test_a_model_round_trips_through_its_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    model = Model(["NONE", "ASSAULT"], ["a", "b"], np.array([[0.0, 1.0], [2.0, -1.0]]))
    model.save(tmp_path / "m.npz")
    back = Model.load(tmp_path / "m.npz")
    assert back.classes == model.classes and back.features == model.features
    assert np.allclose(back.weights, model.weights)


def test_candidates_keep_what_the_rules_noticed_as_flags() -> None:
    doc = build("من المقرر أن يلتقي الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي.",
                [["عبد الفتاح السيسي", "PER"]])
    assert find_events(doc) == ()  # the rules drop the plan
    flags = {f for c in event_candidates(doc) for f in c.flags}
    assert "planned" in flags  # the detector sees it as a feature


def test_a_detector_that_keeps_nothing_finds_nothing() -> None:
    doc = build("اعتقلت الشرطة الفرنسية ثلاثة أشخاص في مرسيليا.",
                [["الشرطة الفرنسية", "ORG"], ["مرسيليا", "GPE"]])
    silent = Model([NONE, *EVENT_TYPES], ["bias"], np.eye(1, len(EVENT_TYPES) + 1) * 50)
    assert find_events(doc, detector=EventDetector(silent)) == ()


def test_every_event_has_the_spans_of_its_actors(make: Build) -> None:
    doc = make("اعتقلت الشرطة الفرنسية ثلاثة أشخاص في مرسيليا.",
               [["الشرطة الفرنسية", "ORG"], ["مرسيليا", "GPE"]])
    (event,) = doc.events
    (source,) = event.source_actors
    assert doc.text[source.start:source.end] == "الشرطة الفرنسية"
    assert source.entity == event.source[0]
    (target,) = event.target_actors
    assert target.entity is None and "أشخاص" in doc.text[target.start:target.end]


def test_an_agent_after_ala_yad_is_the_source(make: Build) -> None:
    doc = make("قتل ثلاثة جنود على يد مسلحين في كركوك.", [["كركوك", "GPE"]])
    killings = [e for e in doc.events if e.type in ("ASSAULT", "FIGHT")]
    assert killings
    sources = [doc.text[a.start:a.end] for a in killings[0].source_actors]
    assert any("مسلحين" in s for s in sources), sources


def test_a_title_gives_way_to_the_person_it_names(make: Build) -> None:
    doc = make("التقى وزير الخارجية المصري سامح شكري نظيره الأمريكي أنتوني بلينكن في واشنطن.",
               [["سامح شكري", "PER"], ["أنتوني بلينكن", "PER"], ["واشنطن", "GPE"]])
    (event,) = doc.events
    assert [doc.text[a.start:a.end] for a in event.source_actors] == ["سامح شكري"]


def test_a_meeting_told_twice_is_one_happening(make: Build) -> None:
    doc = make(
        "اجتمع الرئيس الروسي فلاديمير بوتين مع خليفة حفتر في موسكو. "
        "وكان بوتين قد التقى حفتر في الكرملين لبحث الأوضاع في ليبيا.",
        [["فلاديمير بوتين", "PER", ["بوتين"]], ["خليفة حفتر", "PER", ["حفتر"]],
         ["موسكو", "GPE"], ["الكرملين", "FAC"], ["ليبيا", "GPE"]],
    )
    meetings = [e for e in doc.events if e.type == "CONSULT"]
    assert len(meetings) >= 2
    assert len({e.attrs["cluster"] for e in meetings}) < len(meetings) or all(
        e.location for e in meetings
    )


def test_two_meetings_on_different_days_are_two_happenings(make: Build) -> None:
    doc = make(
        "التقى بوتين حفتر في موسكو أمس. والتقى بوتين حفتر في بنغازي في 17 سبتمبر.",
        [["بوتين", "PER"], ["حفتر", "PER"], ["موسكو", "GPE"], ["بنغازي", "GPE"]],
        [["أمس", "2024-03-09"], ["17 سبتمبر", "2023-09-17"]],
    )
    meetings = [e for e in doc.events if e.type == "CONSULT"]
    assert len(meetings) == 2
    assert meetings[0].attrs["cluster"] != meetings[1].attrs["cluster"]
