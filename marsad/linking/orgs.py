"""English names of organisations and facilities, from a table or composed from parts.

A well-known body comes from the known-organisation tables (``orgs/known.tsv``, ``media``,
``clubs``, ``companies``, ``bodies``: سبوتنيك -> Sputnik). Otherwise the name is cut into
known parts (``orgs/parts.tsv``), nationality adjectives, place names, royal and religious
titles with a name, and numbers, and put in English order: ordinal number, places and
named patrons, adjectives in reverse Arabic order, the arm of a military unit, the head
noun, then its complements ("of", or "for" after ل)::

    الجيش الليبي                         -> Libyan Army
    مجلس الإفتاء الروسي                   -> Russian Council of Muftis
    اللجنة العسكرية المشتركة               -> Joint Military Commission
    الكتيبة 166 مشاة                      -> 166th Infantry Battalion
    مسجد موسكو الجامع                     -> Moscow Cathedral Mosque
    مستشفى الملك فهد المركزي               -> King Fahd Central Hospital
    إدارة الشؤون المالية والإدارية          -> Department of Financial and Administrative Affairs
    مركز الأمير سلطان لأمراض الكلى          -> Prince Sultan Center for Kidney Diseases
    الغرفة التجارية بجدة                   -> Jeddah Chamber of Commerce

Adjectives after a complement qualify it (الشؤون المالية: Financial Affairs); a word with و
joins the one before it (and). Heads such as Department, Committee or Police take their
complements before them when a place or name is not there (إدارة المرور -> Traffic
Department).

Without a ``spell`` function a part that no table knows makes the whole name unknown
(``None``): a half-translated name is worse than none. With one (the linking stage passes
the person namer), unknown words after the head are spelled as a proper name
(ملعب الشرائع -> Al-Sharaie Stadium) and counted in ``Composed.spelled``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..lexicons.matcher import token_form
from ..lexicons.tables import Lexicons, load_lexicons
from ..text import normalize, tokenize
from .geo import lookup_place

# Class words that Arabic puts before an organisation's own name (phrase_key forms).
_GENERIC_HEADS = {"جماعه", "حركه", "تنظيم", "منظمه", "وكاله", "قناه", "صحيفه", "شركه",
                  "مجموعه", "ميليشيا", "مليشيا", "حزب", "مؤسسه", "نادي", "جريده", "موقع"}
# Titles that put the person after them before the head: مستشفى الملك فهد -> King Fahd
# Hospital (normalised forms -> English).
_PATRONS = {"الملك": "King", "الامير": "Prince", "الاميره": "Princess", "الشيخ": "Sheikh",
            "الامام": "Imam", "السلطان": "Sultan", "الشهيد": "Martyr"}
# Heads whose complements English puts before them (Traffic Department, Professionalism
# Committee) rather than after "of" (Ministry of Health).
_PRE_HEADS = {"Department", "General Department", "Directorate", "General Directorate",
              "Committee", "Office", "Police", "Chamber", "Municipality", "Club", "Unit",
              "Health Affairs", "Health Affairs Directorate", "Section", "Fund"}
# Heads that English follows with "of" and the place (Ministry of Interior of Libya is
# rare, but Embassy of Kuwait, Government of Yemen); every other head takes the place
# before it (Jeddah Chamber, Qassim University, Cairo Grand Mosque).
_PLACE_AFTER_HEADS = ("Ministry", "Government", "Embassy", "Consulate", "Presidency",
                      "Emirate", "Parliament", "Mission")
# Words inside a patron's name that end it (the head's own words come back after it).
_NAME_LINKS = {"بن", "ابن", "بنت", "عبد", "ابو", "ال"}


@dataclass
class _Phrase:
    noun: str
    mods: list[str] = field(default_factory=list)
    joiner: str = "of"  # of | for

    def render(self) -> str:
        return " ".join(list(reversed(self.mods)) + [self.noun])


@dataclass
class _Parts:
    ordinal: str = ""
    places: list[str] = field(default_factory=list)  # before the head
    patrons: list[str] = field(default_factory=list)  # King Fahd, Prince Sultan
    names: list[str] = field(default_factory=list)  # spelled proper names, before the head
    mods: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    head: str = ""
    head_type: str = ""
    complements: list[_Phrase] = field(default_factory=list)
    last: str = ""  # consumed last: head | comp | mod_head | mod_comp | place | name
    spelled: int = 0


@dataclass(frozen=True)
class Composed:
    text: str
    spelled: int  # words spelled as a proper name (no table knew them)


@dataclass(frozen=True)
class _Word:
    form: str  # matching form (particles set aside)
    raw: str  # as written, particles set aside
    conj: bool  # a و or ف before it
    lil: bool  # a ل before it (for, of)
    bi: bool  # a ب before it (in: الغرفة التجارية بجدة)


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
    """English for an organisation or facility name given as a ``phrase_key`` (no
    particles, so no "and" or "for"; every part must be known).

    A *weak* alias of the known-organisations table (القيادة العامة) names its
    organisation only when the caller knows a strong alias is near (``weak_known``).
    """
    lex = lexicons or load_lexicons()
    known = lex.known_orgs.get(key)
    if known is not None and (known.strong or weak_known):
        return known.english
    composed = compose_org(key, lexicons=lex, countries=countries)
    return composed.text if composed else None


def compose_org(name: str, *, lexicons: Lexicons | None = None, countries: tuple[str, ...] = (),
                spell: Callable[[str], str | None] | None = None) -> Composed | None:
    """English for an organisation or facility name as written (particles kept, so that
    و gives "and" and ل "for"); ``spell`` spells words no table knows as a proper name."""
    lex = lexicons or load_lexicons()
    words = _words(name)
    if not words:
        return None
    forms = [w.form for w in words]
    if len(forms) >= 2 and forms[0] in _GENERIC_HEADS:
        # جماعة الإخوان المسلمين, شركة أرامكو, مجموعة بريكس: a class word before a known
        # name; English writes the name alone (Muslim Brotherhood, Aramco, BRICS)
        rest = lex.known_orgs.get(" ".join(forms[1:]))
        if rest is not None and rest.names_alone:
            return Composed(rest.english, 0)
    parts = _Parts()
    i = 0
    while i < len(words):
        step = _segment(words, i, parts, lex, countries, spell)
        if step == 0:
            return None
        i += step
    if not parts.head:
        return None
    return Composed(_render(parts), parts.spelled)


def _words(name: str) -> list[_Word]:
    out = []
    for tok in tokenize(name.replace('"', " ").replace("«", " ").replace("»", " ")):
        if tok.kind == "punct":
            continue
        form = token_form(name, tok)
        particles = normalize(name[tok.start:tok.base_start])
        out.append(_Word(form, name[tok.base_start:tok.end], conj=particles[:1] in ("و", "ف"),
                         lil=particles.endswith("ل"), bi=particles.endswith("ب")))
    return out


def _render(parts: _Parts) -> str:
    out = []
    if parts.ordinal:
        out.append(parts.ordinal)
    out += parts.places + parts.patrons + parts.names
    pre = parts.head in _PRE_HEADS and not parts.places and not parts.patrons \
        and not parts.names
    comps = parts.complements
    if pre and comps and all(c.joiner == "of" for c in comps):
        out += [c.render() for c in comps]
        comps = []
    out += list(reversed(parts.mods))
    out += parts.units
    out.append(parts.head)
    text = " ".join(out)
    for comp in comps:
        text += f" {comp.joiner} {comp.render()}"
    return text


def _segment(words: list[_Word], i: int, parts: _Parts, lex: Lexicons,
             countries: tuple[str, ...], spell: Callable[[str], str | None] | None) -> int:
    """Consume the longest known piece at ``i`` into ``parts``; 0 when nothing is known."""
    word = words[i]
    if word.form.isdigit():
        if parts.ordinal:
            return 0
        parts.ordinal = ordinal(word.form)
        return 1
    if parts.head and word.form in _PATRONS:
        step = _patron(words, i, parts, spell)
        if step:
            return step
    for j in range(min(len(words), i + 5), i, -1):
        if any(w.conj or w.lil or w.bi for w in words[i + 1:j]):
            continue  # a piece never runs over a particle
        piece = " ".join(w.form for w in words[i:j])
        if _known_piece(piece, word, parts, lex, countries):
            return j - i
    if parts.head and spell is not None:
        return _spelled(words, i, parts, lex, spell)
    return 0


def _known_piece(piece: str, word: _Word, parts: _Parts, lex: Lexicons,
                 countries: tuple[str, ...]) -> bool:
    part = lex.org_parts.get(piece)
    if part is not None:
        if part.role == "head" and not parts.head:
            parts.head, parts.head_type, parts.last = part.english, part.type or "ORG", "head"
        elif part.role in ("head", "of") and parts.head:
            english = part.english if part.role == "of" else f"the {part.english}"
            if word.conj and parts.last in ("comp", "mod_comp") and parts.complements:
                parts.complements[-1].noun += f" and {english}"
            else:
                parts.complements.append(_Phrase(english, joiner="for" if word.lil else "of"))
            parts.last = "comp"
        elif part.role == "mod":
            _add_mod(parts, part.english, word.conj)
        elif part.role == "unit":
            parts.units.append(part.english)
        else:
            return False
        return True
    known = lex.known_orgs.get(piece)
    if known is not None and known.strong and parts.head:
        parts.places.append(known.english)  # اللجنة التنفيذية للفيفا: FIFA Executive Committee
        parts.last = "place"
        return True
    nat = lex.nationalities.get(piece)
    if nat is not None and parts.head and not nat.plural:
        parts.mods.append(nat.adj_en)  # a nationality qualifies the body, not its field
        return True
    place = lookup_place(piece, countries, lexicons=lex)
    if place is not None and parts.head:
        english = place.name_en
        if piece.startswith("منطقه ") and not english.endswith("Region"):
            english += " Region"
        if parts.head.startswith(_PLACE_AFTER_HEADS) and not word.bi:
            parts.complements.append(_Phrase(english, joiner="of"))
        else:
            parts.places.append(english)  # شركة القصيم الزراعية: Qassim Agricultural Company
        parts.last = "place"
        return True
    return False


def _add_mod(parts: _Parts, english: str, conj: bool) -> None:
    """An adjective qualifies the complement it follows, else the head; with و it joins
    the adjective before it (Financial and Administrative)."""
    on_comp = parts.last in ("comp", "mod_comp") and bool(parts.complements)
    target = parts.complements[-1].mods if on_comp else parts.mods
    if conj and target:
        target[-1] = f"{target[-1]} and {english}"
    else:
        target.append(english)
    parts.last = "mod_comp" if on_comp else "mod_head"


def _patron(words: list[_Word], i: int, parts: _Parts,
            spell: Callable[[str], str | None] | None) -> int:
    """الملك فهد, الأمير سلطان بن عبدالعزيز: a title and the name after it."""
    if spell is None or i + 1 >= len(words):
        return 0
    k = i + 1
    while k < len(words) and not (words[k].conj or words[k].lil or words[k].bi):
        form = words[k].form
        if k > i + 1 and form not in _NAME_LINKS and (form.startswith("ال") and k > i + 1
                                                         and words[k - 1].form not in _NAME_LINKS):
            break  # المركزي after فهد: the head's adjective again
        k += 1
        if k - i > 5:
            break
    name = " ".join(w.raw for w in words[i + 1:k])
    english = spell(name)
    if not english:
        return 0
    parts.patrons.append(f"{_PATRONS[words[i].form]} {english}")
    parts.last = "name"
    return k - i


def _spelled(words: list[_Word], i: int, parts: _Parts, lex: Lexicons,
             spell: Callable[[str], str | None]) -> int:
    """Words no table knows after the head: a proper name, spelled, before the head."""
    k = i
    while k < len(words) and (k == i or not (words[k].conj or words[k].lil or words[k].bi)):
        if k > i and (lex.org_parts.get(words[k].form) is not None
                      or lex.nationalities.get(words[k].form) is not None):
            break
        k += 1
    name = " ".join(w.raw for w in words[i:k])
    english = spell(name)
    if not english:
        return 0
    if words[i].lil:
        parts.complements.append(_Phrase(english, joiner="for"))
        parts.last = "comp"
    else:
        parts.names.append(english)
        parts.last = "name"
    parts.spelled += k - i
    return k - i
