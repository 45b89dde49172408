"""The ``linking`` stage: mentions -> entities with names, English names and places.

Within one article, mentions are grouped into entities (``marsad.linking.cluster``); each
entity gets an id ``T1, T2...`` in text order, its canonical Arabic name (the fullest form
for a person, the most frequent for other types), its titles, an English name
(``marsad.linking.english_name``; ``None`` when unsure) and, for places, a GeoNames id
with coordinates in ``attrs["geo"]``. Place names are disambiguated by the countries the
article names (موسكو is Moscow, Russia, not Moscow, Idaho).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..document import Document, Entity
from ..lexicons.tables import Lexicons, load_lexicons
from ..linking import KINGDOM, NO_NAME, EnglishName, english_name_sourced, home_kingdom
from ..linking.cluster import Cluster, cluster_mentions, describe
from ..linking.geo import geo_attrs, kb_ref, lookup_place
from ..linking.names import PersonNamer
from ..pipeline import register_stage


@register_stage("linking", requires=("mentions",), assigns=("entities",))
def make_linking_stage(*, romanize_unknown: bool = False) -> LinkingStage:
    """``romanize_unknown``: guess English for name words no table knows with the
    romanizer's neural model (slower, and often wrong; see ``PersonNamer``)."""
    return LinkingStage(load_lexicons(), romanize_unknown=romanize_unknown)


class LinkingStage:
    name = "linking"

    def __init__(self, lexicons: Lexicons, *, romanize_unknown: bool = False) -> None:
        self.lex = lexicons
        self.namer = PersonNamer(lexicons, use_model=romanize_unknown)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(entities=tuple(self.link(doc)))

    def article_countries(self, doc: Document) -> list[str]:
        """Countries the article names, most named first: places whose name has one
        country only (عمان, Oman or Amman, does not count) and nationality adjectives."""
        counts: Counter[str] = Counter()
        for info in describe(doc, [m for m in doc.mentions if m.type in ("GPE", "LOC")]):
            places = self.lex.places.get(info.key, [])
            countries = [p.country for p in places if p.kind == "country" and p.country]
            rivals = [p for p in places if p.country not in countries and p.population > 100_000]
            if countries and not rivals:  # عمان is also Amman: it says nothing about context
                counts[countries[0]] += 2
                continue
            codes = {p.country for p in places}
            if len(codes) == 1 and places[0].country:
                counts[places[0].country] += 1
        for tok in doc.tokens:
            if tok.kind != "word":
                continue
            nat = self.lex.nationalities.get(tok.norm)
            if nat is not None and nat.country:
                counts[nat.country] += 1
        return [c for c, _ in counts.most_common()]

    def link(self, doc: Document) -> list[Entity]:
        countries = self.article_countries(doc)
        clusters = cluster_mentions(doc, lexicons=self.lex, countries=countries)
        self.namer.prefetch([canonical_name(c) for c in clusters if c.type == "PER"])
        return [self.entity(doc, f"T{i}", c, countries) for i, c in enumerate(clusters, 1)]

    def entity(self, doc: Document, entity_id: str, c: Cluster,
               countries: list[str]) -> Entity:
        name = canonical_name(c)
        titles: list[str] = []
        seen: set[str] = set()
        for m in sorted(c.members, key=lambda m: m.mention.start):
            for title, key in zip(m.titles, m.title_keys, strict=False):
                if key not in seen:
                    seen.add(key)
                    titles.append(title)
        kb: dict[str, str] | None = None
        english = self.english(c, name, countries)
        name_en = english.text
        attrs: dict[str, Any] = {}
        if english.text is not None:
            attrs["name_en_source"] = english.source
            attrs["name_en_confidence"] = english.confidence
        if c.type in ("GPE", "LOC", "FAC"):
            for m in sorted(c.members, key=lambda m: -len(m.key)):
                place = lookup_place(m.key, countries, lexicons=self.lex)
                if place is None and m.key == KINGDOM:
                    place = home_kingdom(countries, lexicons=self.lex)
                if place is not None:
                    kb = kb_ref(place)
                    geo = geo_attrs(place)
                    if geo:
                        attrs["geo"] = geo
                    break
        spans = tuple(sorted({m.mention.span for m in c.members}, key=lambda s: (s.start, s.end)))
        return Entity(entity_id, c.type, name, spans, name_en, kb, tuple(titles), attrs)

    def english(self, c: Cluster, name: str, countries: list[str]) -> EnglishName:
        """The entity's English name: a known organisation or person of the cluster, else
        the canonical name's (for other types than people, the other forms' too), else a
        transliteration of the canonical name."""
        if c.group.startswith("ORG|org:"):
            group = c.group.split("org:", 1)[1]
            for m in c.members:
                known = self.lex.known_orgs.get(m.key)
                if known is not None and known.key == group and known.names_alone:
                    return EnglishName(known.english, 1.0, "table")
        if c.type == "PER":
            for m in sorted(c.members, key=lambda m: -len(m.key)):
                person = self.lex.persons.get(m.key)
                if person is not None:
                    return EnglishName(person.english, 1.0, "table")
            return english_name_sourced(name, "PER", countries=countries, lexicons=self.lex,
                                        namer=self.namer)
        forms = [name] + sorted({m.name for m in c.members if not m.descriptor} - {name},
                                key=lambda s: -len(s))
        if c.type == "GPE":
            # محافظة حضرموت and حضرموت in one article: the place's own name (Hadramout)
            bare = [f for f in forms if not _has_admin_head(f)]
            forms = bare + [f for f in forms if f not in bare]
        for form in forms:
            found = english_name_sourced(form, c.type, countries=countries, lexicons=self.lex,
                                         namer=self.namer, transliterate=False)
            if found.text:
                return found
        if c.type == "NORP":
            return NO_NAME
        return english_name_sourced(name, c.type, countries=countries, lexicons=self.lex,
                                    namer=self.namer)


_ADMIN_WORDS = ("منطقة ", "محافظة ", "إقليم ", "ولاية ", "مقاطعة ")


def _has_admin_head(name: str) -> bool:
    return name.startswith(_ADMIN_WORDS)


def canonical_name(c: Cluster) -> str:
    named = [m for m in c.members if not m.descriptor] or c.members
    if c.type == "PER":
        best = max(named, key=lambda m: (len(m.key.split()), -m.mention.start))
        return best.name
    counts = Counter(m.name for m in named)
    first = {m.name: m.mention.start for m in sorted(named, key=lambda m: -m.mention.start)}
    return max(counts, key=lambda n: (counts[n], -first[n]))
