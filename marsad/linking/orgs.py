"""English names of organisations and facilities, from a table or composed from parts.

A well-known body comes from ``orgs/known.tsv`` (سبوتنيك -> Sputnik). Otherwise the name
is cut into known parts (``orgs/parts.tsv``), nationality adjectives, place names and
numbers, and put in English order: ordinal number, place (for buildings), adjectives in
reverse Arabic order, the arm of a military unit, the head noun, then "of" complements::

    الجيش الليبي                -> Libyan Army
    مجلس الإفتاء الروسي          -> Russian Council of Muftis
    اللجنة العسكرية المشتركة      -> Joint Military Commission
    الكتيبة 166 مشاة             -> 166th Infantry Battalion
    مسجد موسكو الجامع            -> Moscow Cathedral Mosque

A part that no table knows makes the whole name unknown (``None``): a half-translated
name is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..lexicons.tables import Lexicons, load_lexicons
from .geo import lookup_place

# Class words that Arabic puts before an organisation's own name (phrase_key forms).
_GENERIC_HEADS = {"جماعه", "حركه", "تنظيم", "منظمه", "وكاله", "قناه", "صحيفه", "شركه",
                  "مجموعه", "ميليشيا", "مليشيا", "حزب", "مؤسسه"}


@dataclass
class _Parts:
    ordinal: str = ""
    places: list[str] = field(default_factory=list)
    mods: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    head: str = ""
    complements: list[str] = field(default_factory=list)


def ordinal(number: str) -> str:
    n = int(number)
    if 10 <= n % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def known_org_english(key: str, *, lexicons: Lexicons | None = None) -> str | None:
    lex = lexicons or load_lexicons()
    known = lex.known_orgs.get(key)
    return known.english if known else None


def compose_org_english(key: str, *, lexicons: Lexicons | None = None,
                        countries: tuple[str, ...] = (), weak_known: bool = False) -> str | None:
    """English for an organisation or facility name given as a ``phrase_key``.

    A *weak* alias of the known-organisations table (القيادة العامة) names its
    organisation only when the caller knows a strong alias is near (``weak_known``).
    """
    lex = lexicons or load_lexicons()
    known = lex.known_orgs.get(key)
    if known is not None and (known.strong or weak_known):
        return known.english
    words = [w for w in key.split() if w not in ('"', "«", "»", "“", "”")]
    if len(words) >= 2 and words[0] in _GENERIC_HEADS:
        # جماعة الإخوان المسلمين, شركة أرامكو, مجموعة بريكس: a class word before a known
        # name; English writes the name alone (Muslim Brotherhood, Aramco, BRICS)
        rest = lex.known_orgs.get(" ".join(words[1:]))
        if rest is not None and rest.strong:
            return rest.english
    parts = _Parts()
    head_type = ""
    i = 0
    while i < len(words):
        step = _segment(words, i, parts, lex, head_type, countries)
        if step == 0:
            return None
        if parts.head and not head_type:
            head_type = _head_type(words, i, step, lex)
        i += step
    if not parts.head:
        return None
    out = []
    if parts.ordinal:
        out.append(parts.ordinal)
    out += parts.places
    out += list(reversed(parts.mods))
    out += parts.units
    out.append(parts.head)
    text = " ".join(out)
    for comp in parts.complements:
        text += f" of {comp}"
    return text


def _head_type(words: list[str], i: int, step: int, lex: Lexicons) -> str:
    part = lex.org_parts.get(" ".join(words[i:i + step]))
    return part.type if part else "ORG"


def _segment(words: list[str], i: int, parts: _Parts, lex: Lexicons, head_type: str,
             countries: tuple[str, ...]) -> int:
    """Consume the longest known piece at ``i`` into ``parts``; 0 when nothing is known."""
    if words[i].isdigit():
        if parts.ordinal:
            return 0
        parts.ordinal = ordinal(words[i])
        return 1
    for j in range(min(len(words), i + 5), i, -1):
        piece = " ".join(words[i:j])
        part = lex.org_parts.get(piece)
        if part is not None:
            if part.role == "head" and not parts.head:
                parts.head = part.english
            elif part.role == "head" or (part.role == "of" and parts.head):
                parts.complements.append(part.english if part.role == "of"
                                         else f"the {part.english}")
            elif part.role == "mod":
                parts.mods.append(part.english)
            elif part.role == "unit":
                parts.units.append(part.english)
            else:
                return 0
            return j - i
        known = lex.known_orgs.get(piece)
        if known is not None and parts.head:
            parts.complements.append(known.english)
            return j - i
        nat = lex.nationalities.get(piece)
        if nat is not None and parts.head and not nat.plural:
            parts.mods.append(nat.adj_en)
            return j - i
        place = lookup_place(piece, countries, lexicons=lex)
        if place is not None and parts.head:
            if head_type == "FAC" or parts.head == "University":
                parts.places.append(place.name_en)
            else:
                parts.complements.append(place.name_en)
            return j - i
    return 0
