"""Mentions of people, organisations, places and peoples in one document.

Mentions come from four sources, merged by priority then length (a longer, more trusted
span wins an overlap; ``candidates.py``):

1. *rules*: a title phrase before a name (``الرئيس الروسي فلاديمير بوتين`` -> PER
   ``فلاديمير بوتين`` with the title attached), organisation and facility names built
   from a head word (``وزارة``, ``مجلس``, ``مسجد``...) and what follows it, names quoted
   after a news-agency word (``وكالة "سبوتنيك"``), military units (``الكتيبة 166 مشاة``),
   regions (``الشرق الليبي``) and peoples (``الروس``) (``persons.py``, ``orgs.py``);
2. *gazetteer*: known people, organisations, countries, cities and regions, matched with
   one Aho-Corasick pass over the tokens' matching forms (``gazetteer.py``);
3. *model*: the statistical NER tagger of ``marsad.ner`` when it loads (``model.py``);
4. *propagation*: later bare mentions of a name found above (``بيسكوف`` after
   ``دميتري بيسكوف``) and descriptors equal to a person's title (``الرئيس الروسي``)
   (``resolve.py``).

A mention never includes its clitic particles: it starts at the first token's
``base_start`` (``وروسيا`` -> ``روسيا``). The words the rules read are data
(``data/words.tsv``, ``data/verb_shapes.txt``; ``rules.py``). No I/O happens per document:
``MentionFinder`` loads the lexicons, the word lists and the tagger once.
"""

from __future__ import annotations

from .candidates import Candidate
from .finder import MentionFinder
from .rules import Rules, load_rules

__all__ = ["Candidate", "MentionFinder", "Rules", "load_rules"]
