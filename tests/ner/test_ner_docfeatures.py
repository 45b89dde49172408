"""Document features for the second CRF, on hand-made first-pass tags."""

from __future__ import annotations

from marsad.ner.docfeatures import document_features


def test_other_mentions_are_counted_not_the_token_itself() -> None:
    bases = [["قال", "بوريس", "يلتسين", "اليوم"], ["واضاف", "يلتسين", "ان"], ["روسيا", "كبيره"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"], ["B-LOC", "O"]]
    feats = document_features(bases, tags)
    bare = feats[1][1]
    assert "dd=PERS" in bare and "ddPERSn=1" in bare and "dsur" in bare
    assert "t1=O" in bare and "t1-1=O" in bare
    full = feats[0][2]  # the surname in the full name: nothing else supports it
    assert "dsur" not in full and not any(f.startswith("dd") for f in full)
    alone = feats[2][0]  # روسيا appears once: no document evidence
    assert not any(f.startswith("dd") for f in alone)
    assert feats[0][0][1] == "t1-1=BOS" and feats[2][1][2] == "t1+1=EOS"


def test_shapes_follow_input() -> None:
    feats = document_features([["ا", "ب"], []], [["O", "O"], []])
    assert [len(s) for s in feats] == [2, 0]
