"""English names carry where they come from and how sure Marsad is (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from marsad.linking import english_name, english_name_sourced
from marsad.linking.names import PersonNamer, spell_diminutive
from marsad.linking.sources import SourceTally, tally_article

from .conftest import Run


@pytest.mark.parametrize(("arabic", "etype", "english", "source"), [
    ("وزارة الشؤون الاجتماعية", "ORG", "Ministry of Social Affairs", "table"),
    ("الاتحاد الأوروبي", "ORG", "European Union", "table"),
    ("إدارة المراجعة الداخلية", "ORG", "Internal Audit Department", "compositional"),
    ("الغرفة التجارية بجدة", "ORG", "Jeddah Chamber of Commerce", "compositional"),
    ("مستشفى الملك فهد المركزي", "FAC", "King Fahd Central Hospital", "compositional"),
    ("اللجنة التنفيذية للفيفا", "ORG", "FIFA Executive Committee", "compositional"),
    ("إدارة الشؤون المالية", "ORG", "Financial Affairs Department", "compositional"),
    ("منطقة عسير", "GPE", "Asir Region", "table"),
    ("محافظة الطائف", "GPE", "Taif Governorate", "table"),
    ("محافظة القنفذة", "GPE", "Qunfudhah Governorate", "table"),
    ("ولاية أوكلاهوما", "GPE", "Oklahoma", "transliteration"),
    ("تركيا", "GPE", "Turkey", "table"),
    ("الرياض", "GPE", "Riyadh", "wikidata"),
    ("خالد بن فريج الجهني", "PER", "Khalid bin Freige al-Juhani", "transliteration"),
])
def test_names_and_their_sources(arabic: str, etype: str, english: str, source: str) -> None:
    found = english_name_sourced(arabic, etype)
    assert (found.text, found.source) == (english, source)
    assert 0.0 < found.confidence <= 1.0


def test_a_transliteration_is_less_sure_than_a_table() -> None:
    table = english_name_sourced("الأمم المتحدة", "ORG")
    spelled = english_name_sourced("وائل الدهاسي", "PER")
    assert spelled.source == "transliteration" and spelled.text.startswith("Wael al-Dha")
    assert spelled.confidence < table.confidence


def test_without_transliteration_unknown_parts_stay_unknown() -> None:
    assert english_name("شركة الزيتونة للتجارة", "ORG") is None
    assert english_name_sourced("شركة الزيتونة للتجارة", "ORG").source == "compositional"


def test_gulf_names_are_spelled_as_gulf_newsrooms_do() -> None:
    namer = PersonNamer()
    assert namer.named("عبدالعزيز بن عبدالله آل سعود").english == "Abdulaziz bin Abdullah Al Saud"
    assert namer.named("ابن خلدون").english.startswith("Ibn ")
    assert namer.named("سعد بن إبراهيم الحتيرشي").english.startswith("Saad bin Ibrahim al-")
    assert spell_diminutive("ثبيتي") == "Thubaiti"
    assert spell_diminutive("سديس") == "Sudais"
    assert spell_diminutive("عتيبي") == "Otaibi"
    assert spell_diminutive("محمد") is None


def test_an_arabic_name_is_not_given_another_persons_label() -> None:
    namer = PersonNamer()
    # Wikidata holds several people under this name; it is spelled word by word
    assert namer.named("محمد حسين").english == "Mohammed Hussein"


def test_every_entity_gets_an_english_name_with_its_source(run: Run) -> None:
    doc = run("التقى الأمير فيصل بن سلمان في مكة المكرمة رئيس جمعية الإحسان الطبية الخيرية "
              "وائل الدهاسي، بحضور مدير إدارة المراجعة الداخلية.")
    named = {e.name: e for e in doc.entities if e.type in ("PER", "ORG", "GPE", "LOC", "FAC")}
    assert "فيصل بن سلمان" in named  # فيصل is not ف + يصل
    for ent in named.values():
        assert ent.name_en, ent.name
        assert ent.attrs["name_en_source"] in ("table", "wikidata", "compositional",
                                               "transliteration")
        assert 0 < ent.attrs["name_en_confidence"] <= 1
    out = doc.to_json()
    assert all("name_en_source" in e for e in out["entities"] if e["name_en"])


def test_the_source_tally_pairs_gold_and_predicted_entities() -> None:
    text = "قال وائل الدهاسي في الرياض إن الدهاسي سعيد."
    gold = {"entities": [
        {"type": "PER", "mentions": [[4, 16], [33, 40]], "name_en": ["Wael Al-Dahasi"]},
        {"type": "GPE", "mentions": [[20, 26]], "name_en": ["Riyadh"]},
        {"type": "ORG", "mentions": [[0, 3]], "name_en": ["Nobody"]},
    ]}
    doc = {"entities": [
        {"type": "PER", "mentions": [{"start": 4, "end": 16}], "name_en": "Wael al-Dahasi",
         "name_en_source": "transliteration", "name_en_confidence": 0.45},
        {"type": "GPE", "mentions": [{"start": 20, "end": 26}], "name_en": "Ar Riyad",
         "name_en_source": "wikidata", "name_en_confidence": 0.95},
    ]}
    tallies: dict[str, SourceTally] = {}
    from collections import defaultdict
    tallies = defaultdict(SourceTally)
    tally_article(gold, doc, text, tallies)
    assert (tallies["transliteration"].right, tallies["transliteration"].wrong) == (1, 0)
    assert (tallies["wikidata"].right, tallies["wikidata"].wrong) == (0, 1)
    assert tallies["not found"].wrong == 1
    assert tallies["wikidata"].as_dict()["wrong_rate"] == 1.0
