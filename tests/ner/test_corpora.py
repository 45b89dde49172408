"""The extra NER training corpora brought to ANERcorp's scheme (fixtures written here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.errors import InputError
from marsad.eval.corpus import corpus_available
from marsad.ner.corpora import read_wojood, realnews_sentences, wojood_part

REALNEWS = Path(__file__).resolve().parents[1] / "realnews"

# Wojood's layout: a token, then its tags, outer first (nested entities); $#$ ends a segment.
WOJOOD = """التقى O
وزير B-OCC
خارجية I-OCC B-ORG
روسيا I-OCC I-ORG B-GPE
في O
قصر B-FAC
الكرملين I-FAC
يوم B-DATE
الاثنين I-DATE
. O
$#$ O

نشر O
موقع B-WEBSITE
تويتر I-WEBSITE
صورة O
للروس B-NORP
"""


def test_wojood_tags_take_anercorp_types(tmp_path: Path) -> None:
    path = tmp_path / "wojood.txt"
    path.write_text(WOJOOD, encoding="utf-8")
    first, second = read_wojood(path)
    assert first.tokens[-1] == "."  # the $#$ mark is dropped
    # an occupation is not an ANERcorp type: the organisation inside it is taken
    assert first.tags == ["O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O", "O"]  # FAC: O
    assert second.tags == ["O", "B-ORG", "I-ORG", "O", "O"]  # websites are organisations
    assert len(wojood_part([first] * 100, "heldout")) == 20


def test_a_missing_wojood_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError) as err:
        read_wojood(tmp_path / "absent.txt")
    assert "absent.txt" in str(err.value)


@pytest.mark.skipif(not corpus_available(), reason="SaudiNewsNet is not in ../shared")
def test_real_news_training_articles_become_tagged_sentences() -> None:
    sentences = realnews_sentences(REALNEWS / "train.jsonl")
    tags = [t for s in sentences for t in s.tags]
    assert len(sentences) > 300
    assert {t[2:] for t in tags if t != "O"} == {"PERS", "ORG", "LOC"}
    assert all(not t.startswith("I-") or prev != "O"
               for s in sentences for prev, t in zip(["O"] + s.tags, s.tags, strict=False))
