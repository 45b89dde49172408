"""The ``dates`` stage in the pipeline: golden articles, nearest_date, datelines, eval."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import pytest

from marsad.document import DateExpr, Document, Span
from marsad.errors import MalformedInputError
from marsad.pipeline import DEFAULT_STAGES, Pipeline, stage_info
from marsad.stages.dates import evaluate_cli, find_published, nearest_date

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(["text", "dates"])


def _check_golden(doc: Document, expected: dict[str, Any]) -> None:
    found = [(doc.text[d.start:d.end], d.value) for d in doc.dates]
    for want in expected["dates"]:
        assert (want["text"], want["value"]) in found, f"{want} not in {found}"
    for text in expected.get("not", ()):
        start = doc.text.find(text)
        assert start >= 0, text
        end = start + len(text)
        clash = [doc.text[d.start:d.end] for d in doc.dates if d.start < end and start < d.end]
        assert not clash, f"{text!r} read as a date: {clash}"


def test_stage_is_registered_with_its_layers() -> None:
    info = stage_info("dates")
    assert info.requires == ("sentences", "tokens")
    assert info.assigns == ("dates",)


def test_stage_adds_the_dates_layer(pipeline: Pipeline) -> None:
    doc = pipeline.run(Document(text="وعقد الاجتماع يوم الخميس.", published="2023-09-28"))
    assert doc.has("dates")
    assert doc.dates == (DateExpr(14, 24, "2023-09-28", "gregorian", "weekday"),)
    assert doc.to_json()["dates"][0]["text"] == "يوم الخميس"


def test_seed_article_dates(pipeline: Pipeline, seed_text: str,
                            seed_expected: dict[str, Any]) -> None:
    doc = pipeline.run(Document(text=seed_text, published=seed_expected["published"]))
    expected = {"dates": seed_expected["dates"],
                "not": ["5+5", "166 مشاة", "اليوم الثالث", "آلاف القتلى"]}
    _check_golden(doc, expected)
    # اليوم inside Peskov's quote is the publication date
    quote = seed_text.index("الجنرال حفتر اليوم")
    today = [d for d in doc.dates if d.start == quote + len("الجنرال حفتر ")]
    assert [d.value for d in today] == ["2023-09-28"]


def test_golden_article(pipeline: Pipeline) -> None:
    text = (DATA / "golden_article.txt").read_text(encoding="utf-8")
    expected = json.loads((DATA / "golden_article.json").read_text(encoding="utf-8"))
    doc = pipeline.run(Document(text=text, published=expected["published"]))
    _check_golden(doc, expected)
    hijri = [d for d in doc.dates if d.calendar == "hijri"]
    assert [doc.text[d.start:d.end] for d in hijri] == ["الخامس من جمادى الأولى 1446هـ"]


def test_nearest_date_stays_in_the_sentence(pipeline: Pipeline) -> None:
    text = ("وصل الوفد أمس إلى الرباط. واجتمع الوزير بنظيره يوم الخميس في القصر، "
            "بعد لقاء عقد في 3 مارس 2022. وقال إن التعاون مستمر.")
    doc = pipeline.run(Document(text=text, published="2023-09-28"))
    met = text.index("واجتمع")
    assert nearest_date(doc, Span(met, met + len("واجتمع"))) == next(
        d for d in doc.dates if text[d.start:d.end] == "يوم الخميس")
    said = text.index("وقال")
    assert nearest_date(doc, Span(said, said + 4)) is None
    held = text.index("عقد في")
    found = nearest_date(doc, Span(held, held + 3))
    assert found is not None and found.value == "2022-03-03"


def test_nearest_date_prefers_the_date_before_on_a_tie(pipeline: Pipeline) -> None:
    text = "أمس زار يوم"
    doc = Document(text=text, sentences=(Span(0, len(text)),),
                   dates=(DateExpr(0, 3, "2023-09-27"), DateExpr(8, 11, "2023-09-28")))
    assert nearest_date(doc, Span(4, 7)) == DateExpr(0, 3, "2023-09-27")


@pytest.mark.parametrize(("text", "expected"), [
    ("القاهرة في 3 مارس 2024 /أ ش أ/ أعلنت الوزارة اليوم عن خطة جديدة.",
     ("2024-03-03", "dateline")),
    ("عنوان الخبر\nبيروت، 4 آب 2020 (رويترز) - قال مسؤولون إن الانفجار هز المرفأ.",
     ("2020-08-04", "dateline")),
    ("الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس\nأعلنت الوزارة.",
     ("2015-07-21", "dateline")),
    ("الرياض 05 شوال 1436 هـ واس\nأعلنت الوزارة.", ("2015-07-21", "dateline")),
    ("نشر بتاريخ 28/09/2023\nقال الوزير إن الحوار مستمر.", ("2023-09-28", "dateline")),
    # no year in the dateline: no date rather than a guess
    ("الرياض - 21 يوليو (واس) أعلنت الوزارة.", (None, None)),
    # a date deep inside the body is not a dateline
    ("أعلنت الوزارة في بيان مطول صدر عن مكتبها الإعلامي في العاصمة أن الاتفاق الموقع في "
     "5 مارس 2019 ما زال ساريا.", (None, None)),
    ("لا تاريخ هنا.", (None, None)),
])
def test_find_published(text: str, expected: tuple[str | None, str | None]) -> None:
    assert find_published(text) == expected


def test_find_published_uses_a_known_year() -> None:
    assert find_published("الرياض - 21 يوليو (واس) أعلنت الوزارة.", year_hint=2015) == (
        "2015-07-21", "dateline")


ARTICLE = ("الرياض 05 شوال 1436 هـ الموافق 21 يوليو 2015 م واس\n"
           "أعلنت وزارة الصحة أمس عن حملة تبدأ الأسبوع المقبل في جميع المناطق.")


def test_dateline_stage_is_registered_before_the_dates() -> None:
    info = stage_info("dateline")
    assert info.requires == () and info.assigns == ("published",)
    stages = list(DEFAULT_STAGES)
    assert stages.index("dateline") < stages.index("dates") < stages.index("events")


def test_dateline_stage_sets_the_publication_date() -> None:
    doc = Pipeline(["dateline", "text", "dates"]).run(Document(text=ARTICLE))
    assert (doc.published, doc.published_from) == ("2015-07-21", "dateline")
    said = next(d for d in doc.dates if doc.text[d.start:d.end] == "أمس")
    assert said.value == "2015-07-20"


def test_a_given_publication_date_wins_over_the_dateline() -> None:
    doc = Pipeline(["dateline", "text", "dates"]).run(
        Document(text=ARTICLE, published="2015-07-22", published_from="record"))
    assert (doc.published, doc.published_from) == ("2015-07-22", "record")
    assert [d.value for d in doc.dates if doc.text[d.start:d.end] == "أمس"] == ["2015-07-21"]


def test_no_dateline_leaves_the_date_unknown() -> None:
    doc = Pipeline(["dateline", "text", "dates"]).run(Document(text="أعلنت الوزارة أمس خطة."))
    assert doc.published is None and doc.published_from is None
    assert [d.value for d in doc.dates] == [None]


def test_pipeline_run_and_extract_agree() -> None:
    import marsad

    stages = ["text", "dateline", "dates"]
    by_pipeline = marsad.Pipeline(stages).run(marsad.Document(text=ARTICLE))
    by_extract = marsad.extract(ARTICLE, stages=stages)
    assert by_pipeline.to_json() == by_extract.to_json()
    assert by_extract.published == "2015-07-21"
    # without a dateline stage neither finds the date: extract adds nothing of its own
    plain = marsad.extract(ARTICLE, stages=["text", "dates"])
    assert plain.published is None


def test_the_default_pipeline_and_extract_agree() -> None:
    import marsad

    by_pipeline = marsad.Pipeline().run(marsad.Document(text=ARTICLE))
    by_extract = marsad.extract(ARTICLE)
    assert by_pipeline.to_json() == by_extract.to_json()
    assert by_pipeline.published == "2015-07-21"
    assert [d["value"] for d in by_extract.to_json()["dates"]
            if d["text"] == "الأسبوع المقبل"] == ["2015-07-28"]


def test_evaluate_cli_prints_scores(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "id": "x1", "published": "2023-09-28",
        "sentence": "وعقد اللقاء يوم الخميس بحضور 5+5 ممثلين.",
        "dates": [{"text": "يوم الخميس", "value": "2023-09-28", "kind": "weekday"}],
        "not": ["5+5"],
    }, ensure_ascii=False) + "\n", encoding="utf-8")
    assert evaluate_cli(argparse.Namespace(gold=str(gold))) == 0
    out = capsys.readouterr().out
    assert "weekday" in out and "negative" in out
    assert "overall        2   1.000" in out
    assert "span precision 1.000  recall 1.000" in out


def test_evaluate_cli_names_a_bad_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"sentence": "نص", "dates": [{"text": "أمس"}]}\n', encoding="utf-8")
    with pytest.raises(MalformedInputError, match="gold.jsonl:1"):
        evaluate_cli(argparse.Namespace(gold=str(gold)))
