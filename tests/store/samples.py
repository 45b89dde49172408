"""Hand-written Arabic articles, annotated by hand as contract documents.

The texts are written for these tests (no third-party text). ``make_doc`` finds each
surface in the text to build exact spans, so the annotations cannot drift from the text.
Shared by tests/store, tests/api, tests/web and tests/ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.document import Document
from marsad.text.sentences import split_sentences


@dataclass
class Ent:
    id: str
    type: str
    name: str
    name_en: str | None
    surfaces: tuple[str, ...]
    kb: dict[str, str] | None = None


@dataclass
class Ev:
    id: str
    type: str
    trigger: str
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    location: tuple[str, ...] = ()
    date: str | None = None
    negated: bool = False
    nth: int = 0


@dataclass
class Qt:
    id: str
    text: str
    kind: str
    speaker: str | None
    cue: str | None = None


@dataclass
class Dt:
    text: str
    value: str


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    entities: list[Ent] = field(default_factory=list)
    events: list[Ev] = field(default_factory=list)
    quotes: list[Qt] = field(default_factory=list)
    dates: list[Dt] = field(default_factory=list)


def _all(text: str, surface: str) -> list[tuple[int, int]]:
    out = []
    i = text.find(surface)
    while i != -1:
        out.append((i, i + len(surface)))
        i = text.find(surface, i + len(surface))
    return out


def _nth(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    spans = _all(text, surface)
    assert len(spans) > nth, f"{surface!r} not in the text"
    return spans[nth]


def make_json(a: Article) -> dict[str, Any]:
    text = a.text
    sentences = split_sentences(text)
    taken: list[tuple[int, int]] = []
    entities = []
    for ent in a.entities:
        mentions: list[dict[str, Any]] = []
        for surface in sorted(ent.surfaces, key=len, reverse=True):
            for s, e in _all(text, surface):
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                mentions.append({"start": s, "end": e, "text": text[s:e]})
        assert mentions, f"no mention of {ent.name}"
        mentions.sort(key=lambda m: m["start"])
        entities.append({"id": ent.id, "type": ent.type, "name": ent.name, "name_en": ent.name_en,
                         "kb": ent.kb, "titles": [], "mentions": mentions,
                         "country": None, "sector": None})
    events = []
    for ev in a.events:
        s, e = _nth(text, ev.trigger, ev.nth)
        sent = next(x for x in sentences if x.start <= s < x.end)
        events.append({"id": ev.id, "type": ev.type, "mode": None,
                       "trigger": {"start": s, "end": e, "text": text[s:e]},
                       "sentence": {"start": sent.start, "end": sent.end},
                       "source": list(ev.source), "target": list(ev.target),
                       "location": list(ev.location), "date": ev.date, "negated": ev.negated,
                       "confidence": 0.9, "source_actors": [], "target_actors": []})
    quotes = []
    for q in a.quotes:
        s, e = _nth(text, q.text)
        cue = None
        if q.cue:
            cs, ce = _nth(text, q.cue)
            cue = {"start": cs, "end": ce, "text": text[cs:ce]}
        quotes.append({"id": q.id, "start": s, "end": e, "text": text[s:e], "kind": q.kind,
                       "speaker": q.speaker, "cue": cue, "via": None})
    dates = []
    for d in a.dates:
        s, e = _nth(text, d.text)
        dates.append({"start": s, "end": e, "text": text[s:e], "value": d.value,
                      "calendar": "gregorian", "kind": "absolute"})
    return {
        "schema": "marsad/document@1", "id": a.id, "title": a.title, "published": a.published,
        "published_from": "record" if a.published else None, "source": a.source, "url": a.url,
        "text": text, "sentences": [{"start": x.start, "end": x.end} for x in sentences],
        "entities": entities, "dates": dates, "events": events, "quotes": quotes,
    }


def make_doc(a: Article) -> Document:
    return Document.from_json(make_json(a))


# --- the articles ------------------------------------------------------------------------

MOSCOW = Article(
    id="moscow-meeting",
    title="بوتين يستقبل حفتر في موسكو",
    published="2023-09-28",
    source="وكالة الأنباء التجريبية",
    url="https://example.org/news/moscow-meeting",
    text=(
        "بوتين يستقبل حفتر في موسكو\n"
        "موسكو - استقبل الرئيس الروسي فلاديمير بوتين، يوم الخميس 28 سبتمبر 2023، المشير خليفة "
        "حفتر قائد الجيش الوطني الليبي في الكرملين.\n"
        "وبحث الجانبان الأوضاع في ليبيا وسبل تطوير التعاون العسكري بين البلدين.\n"
        "وقال حفتر في تصريح للصحفيين إن \"العلاقات مع روسيا تاريخية وراسخة\".\n"
        "وحضر اللقاء وزير الدفاع الروسي سيرغي شويغو.\n"
        "وكان المُشير قد زار العاصمة الروسية مرات عدة خلال الأعوام الماضية.\n"
    ),
    entities=[
        Ent("T1", "PER", "فلاديمير بوتين", "Vladimir Putin", ("فلاديمير بوتين", "بوتين")),
        Ent("T2", "PER", "خليفة حفتر", "Khalifa Haftar", ("خليفة حفتر", "حفتر")),
        Ent("T3", "GPE", "موسكو", "Moscow", ("موسكو",)),
        Ent("T4", "GPE", "ليبيا", "Libya", ("ليبيا",)),
        Ent("T5", "GPE", "روسيا", "Russia", ("روسيا",)),
        Ent("T6", "PER", "سيرغي شويغو", "Sergei Shoigu", ("سيرغي شويغو",)),
        Ent("T7", "ORG", "الجيش الوطني الليبي", "Libyan National Army", ("الجيش الوطني الليبي",)),
    ],
    events=[
        Ev("V1", "CONSULT", "استقبل", source=("T1",), target=("T2",), location=("T3",),
           date="2023-09-28"),
        Ev("V2", "CONSULT", "بحث", source=("T1", "T2"), date="2023-09-28"),
    ],
    quotes=[Qt("Q1", "العلاقات مع روسيا تاريخية وراسخة", "direct", "T2", cue="قال")],
    dates=[Dt("يوم الخميس 28 سبتمبر 2023", "2023-09-28")],
)

TRIPOLI = Article(
    id="tripoli-clashes",
    title="اشتباكات عنيفة جنوب طرابلس",
    published="2023-10-05",
    source="صحيفة المساء التجريبية",
    url="https://example.net/tripoli-clashes",
    text=(
        "اشتباكات عنيفة جنوب طرابلس\n"
        "طرابلس - اندلعت اشتباكات عنيفة اليوم بين قوات الجيش الوطني الليبي وقوات حكومة الوحدة "
        "الوطنية جنوب العاصمة طرابلس.\n"
        "وقصفت قوات حفتر مواقع في محيط المطار القديم، بحسب شهود عيان.\n"
        "وأعلنت حكومة الوحدة الوطنية أنها صدت الهجوم.\n"
    ),
    entities=[
        Ent("e1", "ORG", "الجيش الوطني الليبي", "Libyan National Army", ("الجيش الوطني الليبي",)),
        Ent("e2", "ORG", "حكومة الوحدة الوطنية", "Government of National Unity",
            ("حكومة الوحدة الوطنية",)),
        Ent("e3", "GPE", "طرابلس", "Tripoli", ("طرابلس",)),
        Ent("e4", "PER", "حفتر", None, ("حفتر",)),
    ],
    events=[
        Ev("v1", "FIGHT", "اشتباكات", source=("e1",), target=("e2",), location=("e3",), nth=1,
           date="2023-10-05"),
        Ev("v2", "ASSAULT", "قصفت", source=("e4",), target=("e2",), date="2023-10-05"),
    ],
)

CAIRO = Article(
    id="cairo-talks",
    title="السيسي يبحث مع حفتر الأوضاع في ليبيا",
    published="2023-11-12",
    source="وكالة الأنباء التجريبية",
    url="https://example.org/news/cairo-talks",
    text=(
        "السيسي يبحث مع حفتر الأوضاع في ليبيا\n"
        "القاهرة - التقى الرئيس المصري عبد الفتاح السيسي في القاهرة اليوم القائد العام للجيش "
        "الليبي خليفة حفتر.\n"
        "وأكد السيسي أن استقرار ليبيا جزء من أمن مصر القومي.\n"
        "ولم يلتق حفتر بممثلي حكومة الوحدة الوطنية خلال الزيارة.\n"
    ),
    entities=[
        Ent("a", "PER", "عبد الفتاح السيسي", "Abdel Fattah el-Sisi", ("عبد الفتاح السيسي", "السيسي")),
        Ent("b", "PER", "خليفة حفتر", "Khalifa Haftar", ("خليفة حفتر", "حفتر")),
        Ent("c", "GPE", "القاهرة", "Cairo", ("القاهرة",)),
        Ent("d", "GPE", "ليبيا", "Libya", ("ليبيا",)),
        Ent("f", "GPE", "مصر", "Egypt", ("مصر",)),
        Ent("g", "ORG", "حكومة الوحدة الوطنية", "Government of National Unity",
            ("حكومة الوحدة الوطنية",)),
    ],
    events=[
        Ev("x1", "CONSULT", "التقى", source=("a",), target=("b",), location=("c",), date="2023-11-12"),
        Ev("x2", "CONSULT", "يلتق", source=("b",), target=("g",), negated=True),
    ],
    quotes=[Qt("q1", "أن استقرار ليبيا جزء من أمن مصر القومي", "indirect", "a", cue="أكد")],
)

# The Moscow report as a second outlet carried it: the same wire story, lightly edited.
MOSCOW_COPY = Article(
    id="moscow-meeting-copy",
    title="الرئيس الروسي يستقبل حفتر",
    published="2023-09-29",
    source="صحيفة المساء التجريبية",
    url="https://example.net/moscow",
    text=MOSCOW.text.replace("بوتين يستقبل حفتر في موسكو\n", "الرئيس الروسي يستقبل حفتر\n")
    + "(خدمة الوكالة)\n",
)

# An ingested page that tries to run code: the store and the pages must keep it as text.
HOSTILE = Article(
    id="hostile-page",
    title="<script>alert('title')</script> خبر عن <b>عمان</b>",
    published="2023-12-01",
    source="<img src=x onerror=alert(1)>",
    url="javascript:alert(1)",
    text=(
        "خبر عن عمان <script>window.__pwned = 1;</script>\n"
        "عمان - وصل وزير الخارجية إلى عمان <img src=x onerror=\"window.__pwned = 2\"> "
        "في زيارة رسمية.\n"
        "وقال الوزير إن \"</span><script>window.__pwned = 3</script>\" غير مقبول.\n"
    ),
    entities=[
        Ent("h1", "GPE", "عمان", "Amman", ("عمان",)),
    ],
    quotes=[Qt("hq", "</span><script>window.__pwned = 3</script>", "direct", None, cue="قال")],
)

ALL = [MOSCOW, TRIPOLI, CAIRO]
