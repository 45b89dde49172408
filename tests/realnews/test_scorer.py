"""The facts scorer and the gold builder, on a short article written for these tests."""

from __future__ import annotations

import copy

from marsad.eval.corpus import Record, units
from marsad.eval.facts import Report, facts_of_document, normalize_name, score_pair
from marsad.eval.gold import build_line, find_all

TEXT = ("التقى وزير الخارجية سالم العتيبي أمس في الرياض نظيره الأردني. "
        "وقال العتيبي إن «المحادثات كانت مثمرة».\n"
        "واعتقلت الشرطة مسلحين في جدة يوم الخميس.")
RECORD = Record(7, "test", "http://example.org/a", "2015-08-07", "عنوان", TEXT)
RAW = {
    "key": "snn-7", "annotator": "T",
    "entities": [
        {"id": "e1", "type": "PER", "mentions": ["سالم العتيبي", "العتيبي"],
         "name_en": ["Salem al-Otaibi", "Salem Al-Otaibi"], "country": "SAU", "sector": "GOV"},
        {"id": "e2", "type": "GPE", "mentions": ["الرياض"], "name_en": ["Riyadh"],
         "country": "SAU", "sector": None},
        {"id": "e3", "type": "GPE", "mentions": ["جدة"], "name_en": ["Jeddah", "Jiddah"],
         "country": "SAU", "sector": None},
    ],
    "dates": [{"text": "أمس", "value": "2015-08-06"},
              {"text": "يوم الخميس", "value": "2015-08-06"}],
    "events": [
        {"type": "CONSULT", "u": 1, "trigger": "التقى", "happening": "h1",
         "source": [{"text": "العتيبي", "entity": "e1"}],
         "target": [{"text": "نظيره الأردني", "entity": None, "country": "JOR", "sector": "GOV"}],
         "location": ["e2"], "date": "2015-08-06"},
        {"type": "COERCE", "u": 3, "trigger": "واعتقلت",
         "source": [{"text": "الشرطة", "entity": None, "country": "SAU", "sector": "COP"}],
         "target": [{"text": "مسلحين", "entity": None, "country": None, "sector": "UAF"}],
         "location": ["e3"], "date": "2015-08-06"},
    ],
    "quotes": [{"kind": "direct", "u": 2, "from": "المحادثات", "to": "مثمرة",
                "speaker": "e1", "cue": "وقال", "via": None}],
}


def gold_line() -> dict:
    line, problems = build_line(RAW, RECORD, "dev")
    assert problems.items == []
    return line


def test_units_cut_at_sentence_ends_and_line_breaks() -> None:
    pieces = [TEXT[s:e] for s, e in units(TEXT)]
    assert len(pieces) == 3
    assert pieces[0].startswith("التقى") and pieces[0].endswith("الأردني.")
    assert pieces[2].startswith("واعتقلت")
    other = "بلغ 3.5 مليون. انتهى"
    assert [other[s:e] for s, e in units(other)] == ["بلغ 3.5 مليون.", "انتهى"]


def test_strings_are_found_as_words_without_their_clitics() -> None:
    text = "وبالرياض وفي الرياض ثم للرياض والرياضة"
    found = [text[s:e] for s, e in find_all(text, "الرياض")]
    assert found == ["الرياض", "الرياض", "لرياض"]  # not inside الرياضة


def test_the_gold_line_holds_offsets_and_no_text() -> None:
    line = gold_line()
    assert line["sha1"] and line["record"] == 7 and line["split"] == "dev"
    assert "url" not in line  # a URL holds the headline
    e1 = next(e for e in line["entities"] if e["id"] == "e1")
    assert [TEXT[s:e] for s, e in e1["mentions"]] == ["سالم العتيبي", "العتيبي"]
    assert [TEXT[d["span"][0]:d["span"][1]] for d in line["dates"]] == ["أمس", "يوم الخميس"]
    consult = line["events"][0]
    assert TEXT[consult["trigger"][0]:consult["trigger"][1]] == "التقى"
    assert consult["source"][0]["country"] == "SAU"  # taken from the entity
    assert consult["target"][0] == {"span": consult["target"][0]["span"], "entity": None,
                                    "country": "JOR", "sector": "GOV"}
    q = line["quotes"][0]
    assert TEXT[q["span"][0]:q["span"][1]] == "المحادثات كانت مثمرة"

    def strings(obj):
        if isinstance(obj, dict):
            for v in obj.values():
                yield from strings(v)
        elif isinstance(obj, list):
            for v in obj:
                yield from strings(v)
        elif isinstance(obj, str):
            yield obj

    assert not any("\u0600" <= ch <= "\u06ff" for s in strings(line) for ch in s)


def test_bad_pointers_and_codes_are_reported_by_item() -> None:
    raw = copy.deepcopy(RAW)
    raw["entities"][0]["sector"] = "KING"
    raw["dates"][0]["text"] = "غدا"
    raw["events"][0]["u"] = 9
    raw["quotes"][0]["speaker"] = "e9"
    _, problems = build_line(raw, RECORD, "dev")
    text = "\n".join(problems.items)
    assert "entity e1: sector 'KING'" in text
    assert "date 1: 'غدا' not found" in text
    assert "event 1: unit 9" in text
    assert "quote 1: speaker 'e9'" in text


def test_an_annotation_scored_against_itself_is_perfect() -> None:
    line = gold_line()
    report = Report()
    score_pair(line, copy.deepcopy(line), report)
    d = report.as_dict()
    assert d["entities"]["micro"]["f1"] == 1.0 and d["entities"]["micro"]["tp"] == 4
    assert d["events"]["micro_with_actors"]["f1"] == 1.0
    assert d["dates"]["value_accuracy"]["value"] == 1.0
    assert d["quotes"]["with_speaker_and_kind"]["f1"] == 1.0
    assert d["name_en"]["accuracy"]["value"] == 1.0
    assert d["actors"]["sector"]["value"] == 1.0


def _prediction(line: dict) -> dict:
    """A contract document that gets some facts right and some wrong."""
    m = line["entities"][0]["mentions"]
    r = line["entities"][1]["mentions"][0]
    consult, coerce = line["events"]
    return {
        "id": "snn-7", "sentences": [{"start": s, "end": e} for s, e in units(TEXT)],
        "entities": [
            {"id": "E1", "type": "PER", "name": "سالم العتيبي", "name_en": "Salem Al Otaibi",
             "mentions": [{"start": s, "end": e} for s, e in m], "country": "SAU", "sector": "GOV"},
            {"id": "E2", "type": "LOC", "name": "الرياض", "name_en": "Riyadh",
             "mentions": [{"start": r[0], "end": r[1]}]},
        ],
        "dates": [{"start": line["dates"][0]["span"][0], "end": line["dates"][0]["span"][1],
                   "value": "2015-08-05"}],
        "events": [
            {"id": "V1", "type": "CONSULT", "trigger": {"start": consult["trigger"][0],
                                                        "end": consult["trigger"][1]},
             "sentence": {"start": consult["sentence"][0], "end": consult["sentence"][1]},
             "source": ["E1"], "target": [], "location": ["E2"], "date": None},
            {"id": "V2", "type": "COERCE", "negated": True,
             "trigger": {"start": coerce["trigger"][0], "end": coerce["trigger"][1]},
             "sentence": {"start": coerce["sentence"][0], "end": coerce["sentence"][1]},
             "source": [], "target": [], "location": [], "date": None},
        ],
        "quotes": [{"id": "Q1", "start": line["quotes"][0]["span"][0],
                    "end": line["quotes"][0]["span"][1], "kind": "indirect", "speaker": "E1"}],
    }


def test_partly_right_predictions_score_as_counted_by_hand() -> None:
    line = gold_line()
    report = Report()
    score_pair(line, facts_of_document(_prediction(line)), report)
    d = report.as_dict()
    # entities: two PER mentions right; Riyadh typed LOC (wrong type, right span); Jeddah missed
    assert (d["entities"]["micro"]["tp"], d["entities"]["micro"]["fp"],
            d["entities"]["micro"]["fn"]) == (2, 1, 2)
    assert d["entities"]["untyped"]["tp"] == 3
    assert d["name_en"]["accuracy"] == {"value": 0.6667, "right": 2, "total": 3}
    # dates: one found with a wrong value, one missed
    assert d["dates"]["value_accuracy"]["right"] == 0 and d["dates"]["spans"]["tp"] == 1
    # events: CONSULT found, but its target is missing; the negated COERCE is not counted
    assert d["events"]["micro"]["tp"] == 1 and d["events"]["micro"]["fn"] == 1
    assert d["events"]["micro"]["fp"] == 0
    assert d["events"]["micro_with_actors"]["tp"] == 0
    assert d["actors"]["recall"] == {"value": 0.25, "right": 1, "total": 4}
    # quotes: span and speaker right, kind wrong
    assert d["quotes"]["with_speaker"]["tp"] == 1 and d["quotes"]["with_speaker_and_kind"]["tp"] == 0


def test_english_names_fold_case_hyphens_and_accents() -> None:
    assert normalize_name("Salem al-Otaibi") == normalize_name("Salem Al Otaibi")
    assert normalize_name("The Interior Ministry") == normalize_name("interior ministry")
    assert normalize_name("Jeddah") != normalize_name("Jiddah")


def test_folded_names_forgive_vowel_quality_and_doubling_but_not_letters() -> None:
    from marsad.eval.facts import fold_name

    assert fold_name("Khaled al-Awad") == fold_name("Khalid Al-Awad")
    assert fold_name("Naser Al-Saleh") == fold_name("Nasser Al-Saleh")
    assert fold_name("Fahd") != fold_name("Fahad")
    assert fold_name("Saleh al-Otaibi") != fold_name("Saleh Al-Thubaiti")


def test_a_meeting_matches_with_host_and_guest_either_way_round() -> None:
    line = gold_line()
    pred = copy.deepcopy(line)
    consult, coerce = pred["events"]
    consult["source"], consult["target"] = consult["target"], consult["source"]
    coerce["source"], coerce["target"] = coerce["target"], coerce["source"]
    report = Report()
    score_pair(line, pred, report)
    types = report.as_dict()["events"]["types"]
    assert types["CONSULT"]["with_actors"]["tp"] == 1
    assert types["COERCE"]["with_actors"]["tp"] == 0  # an arrest is not joint
