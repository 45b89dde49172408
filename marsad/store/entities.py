"""The cross-document entity store: matching, accumulation and people's corrections.

When a document is stored, each of its entities is matched to a stored entity, in order:

1. the same knowledge-base link (source and id);
2. the same type and an Arabic alias equal to its canonical name in matching form
   (``normalize``); when several stored entities carry that alias, the one whose canonical
   name it is wins, else the one in most documents; a one-word person name carried by
   several people joins none of them (see 4);
3. the same type and an equal English name (case-insensitive);
4. a one-word person name (a surname) joins the one stored person whose name ends with it,
   only when exactly one does; a longer person name joins the one stored person whose
   name has the same first and last word and is contained in it or contains it
   (خليفة حفتر / خليفة أبوالقاسم حفتر), or else a stored surname-only person when no other
   stored person shares that surname;
5. otherwise a new stored entity is created: ``E`` + a number that is never reused.

The matched entity then accumulates the document's name and mention forms as Arabic
aliases, its English name as an English alias, an English name and a KB link when it has
none, and a fuller canonical name (more words) unless a person fixed the name.

Corrections (``merge``, ``split``, ``rename``) are recorded in ``corrections`` and
leave state that later matching respects, so they stick as more documents arrive: a
merged entity redirects (``merged_into``) and its aliases move to the survivor; split
aliases move to the new entity and are *blocked* on the old one, so no later document
re-attaches them there; a renamed name is locked against accumulation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from ..document import Entity
from ..errors import StoreError
from ..text.normalize import normalize
from ..text.tokens import tokenize
from .models import QueryError, StoredEntity
from .textindex import index_forms


def name_key(name: str) -> str:
    """The matching form of an Arabic name: normalised, single-spaced."""
    return " ".join(normalize(name).split())


def en_key(name: str) -> str:
    """The matching form of an English name: case-folded, single-spaced."""
    return " ".join(name.casefold().split())


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def strip_particles(surface: str) -> str:
    """A mention as a name: the particles (و ف ب ل ك) of its first word set aside."""
    toks = tokenize(surface)
    if toks and toks[0].kind == "word":
        return surface[toks[0].base_start:]
    return surface


@dataclass
class _Candidate:
    id: str
    norm: str
    docs: int


def _candidates(conn: sqlite3.Connection, etype: str, lang: str, key: str) -> list[_Candidate]:
    rows = conn.execute(
        """SELECT e.id, e.norm, e.doc_count
           FROM aliases a JOIN entities e ON e.id = a.entity_id
           WHERE a.norm = ? AND a.lang = ? AND e.type = ? AND e.merged_into IS NULL
           GROUP BY e.id ORDER BY e.rowid""",
        (key, lang, etype),
    ).fetchall()
    return [_Candidate(r[0], r[1], r[2]) for r in rows]


def _most_documents(cands: list[_Candidate]) -> str:
    return max(cands, key=lambda c: c.docs).id  # max keeps the first (oldest) on a tie


def match_entity(conn: sqlite3.Connection, ent: Entity) -> str | None:
    """The stored entity ``ent`` belongs to, following the rules in the module docstring."""
    key = name_key(ent.name)
    words = key.split()
    surname_only = ent.type == "PER" and len(words) == 1
    if ent.kb and ent.kb.get("source") and ent.kb.get("id"):
        row = conn.execute(
            "SELECT id FROM entities WHERE kb_source = ? AND kb_id = ? AND type = ? "
            "AND merged_into IS NULL ORDER BY rowid LIMIT 1",
            (ent.kb["source"], ent.kb["id"], ent.type),
        ).fetchone()
        if row:
            return str(row[0])
    if key:
        cands = _candidates(conn, ent.type, "ar", key)
        if len(cands) == 1:
            return cands[0].id
        if cands:
            exact = [c for c in cands if c.norm == key]
            if len(exact) == 1:
                return exact[0].id
            if not surname_only:
                return _most_documents(exact or cands)
    if ent.name_en:
        cands = _candidates(conn, ent.type, "en", en_key(ent.name_en))
        if cands:
            return _most_documents(cands)
    if surname_only:
        ids = _people_with_surname(conn, key)
        if len(ids) == 1:
            return ids[0]
    elif ent.type == "PER" and len(words) > 1:
        fuller = _same_person_longer_or_shorter(conn, words)
        if fuller is not None:
            return fuller
        rows = conn.execute(
            "SELECT id FROM entities WHERE type = 'PER' AND norm = ? AND merged_into IS NULL",
            (words[-1],),
        ).fetchall()
        if len(rows) == 1 and not [i for i in _people_with_surname(conn, words[-1])
                                   if i != rows[0][0]]:
            return str(rows[0][0])
    return None


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(word in it for word in short)


def _same_person_longer_or_shorter(conn: sqlite3.Connection, words: list[str]) -> str | None:
    """The one stored person with a name of two words or more that has the same first and
    last word as ``words`` and is contained in it or contains it (خليفة حفتر and خليفة
    أبوالقاسم حفتر); None when there is no such person or several."""
    rows = conn.execute(
        """SELECT DISTINCT a.entity_id, a.norm FROM aliases a JOIN entities e ON e.id = a.entity_id
           WHERE a.last = ? AND a.lang = 'ar' AND e.type = 'PER' AND e.merged_into IS NULL""",
        (words[-1],),
    ).fetchall()
    found = set()
    for entity_id, norm in rows:
        other = norm.split()
        if other[0] != words[0]:
            continue
        if _is_subsequence(other, words) or _is_subsequence(words, other):
            found.add(entity_id)
    return found.pop() if len(found) == 1 else None


def _people_with_surname(conn: sqlite3.Connection, last: str) -> list[str]:
    rows = conn.execute(
        """SELECT DISTINCT a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
           WHERE a.last = ? AND a.lang = 'ar' AND e.type = 'PER' AND e.merged_into IS NULL""",
        (last,),
    ).fetchall()
    return [r[0] for r in rows]


def create_entity(
    conn: sqlite3.Connection, *, etype: str, name: str, name_en: str | None = None,
    kb: dict[str, str] | None = None,
) -> str:
    cur = conn.execute(
        "INSERT INTO entities(id, type, name, norm, name_en, kb_source, kb_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ("", etype, name, name_key(name), name_en, (kb or {}).get("source"),
         (kb or {}).get("id"), _now()),
    )
    entity_id = f"E{cur.lastrowid}"
    conn.execute("UPDATE entities SET id = ? WHERE rowid = ?", (entity_id, cur.lastrowid))
    return entity_id


def add_alias(
    conn: sqlite3.Connection, entity_id: str, name: str, *, lang: str, origin: str,
    etype: str | None = None, count: int = 1,
) -> bool:
    """Add (or count again) an alias; True when it is new to the entity."""
    key = en_key(name) if lang == "en" else name_key(name)
    if not key:
        return False
    if lang == "ar" and conn.execute(
        "SELECT 1 FROM alias_blocks WHERE entity_id = ? AND norm = ?", (entity_id, key)
    ).fetchone():
        return False
    if etype is None:
        etype = conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]
    words = key.split()
    last = words[-1] if lang == "ar" and etype == "PER" and len(words) > 1 else None
    cur = conn.execute(
        "UPDATE aliases SET count = count + ? WHERE entity_id = ? AND lang = ? AND norm = ?",
        (count, entity_id, lang, key),
    )
    if cur.rowcount:
        return False
    conn.execute(
        "INSERT INTO aliases(entity_id, lang, norm, name, last, count, origin) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (entity_id, lang, key, name.strip(), last, count, origin),
    )
    return True


def accumulate(conn: sqlite3.Connection, entity_id: str, ent: Entity, surfaces: Iterable[str]) -> None:
    """Fold what one document says about ``ent`` into the stored entity."""
    row = conn.execute(
        "SELECT type, norm, name_en, kb_source, name_locked, name_en_locked FROM entities "
        "WHERE id = ?", (entity_id,),
    ).fetchone()
    etype, norm, name_en, kb_source, name_locked, name_en_locked = row
    changed = add_alias(conn, entity_id, ent.name, lang="ar", origin="doc", etype=etype)
    key = name_key(ent.name)
    for surface in set(surfaces):
        alias = strip_particles(surface)
        if name_key(alias) != key:
            changed |= add_alias(conn, entity_id, alias, lang="ar", origin="mention", etype=etype)
    if ent.name_en:
        changed |= add_alias(conn, entity_id, ent.name_en, lang="en", origin="doc", etype=etype)
    if not name_locked and len(key.split()) > len(norm.split()) and not _blocked(conn, entity_id, key):
        conn.execute("UPDATE entities SET name = ?, norm = ? WHERE id = ?", (ent.name, key, entity_id))
        changed = True
    if ent.name_en and not name_en and not name_en_locked:
        conn.execute("UPDATE entities SET name_en = ? WHERE id = ?", (ent.name_en, entity_id))
        changed = True
    if ent.kb and ent.kb.get("source") and ent.kb.get("id") and not kb_source:
        conn.execute("UPDATE entities SET kb_source = ?, kb_id = ? WHERE id = ?",
                     (ent.kb["source"], ent.kb["id"], entity_id))
    if changed:  # the names to search by changed
        refresh_fts(conn, [entity_id])


def _blocked(conn: sqlite3.Connection, entity_id: str, key: str) -> bool:
    return conn.execute(
        "SELECT 1 FROM alias_blocks WHERE entity_id = ? AND norm = ?", (entity_id, key)
    ).fetchone() is not None


def refresh_fts(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Re-index the names of these entities for ``search_entities``."""
    for entity_id in set(entity_ids):
        row = conn.execute("SELECT rowid, merged_into FROM entities WHERE id = ?",
                           (entity_id,)).fetchone()
        if row is None:
            continue
        conn.execute("DELETE FROM entity_fts WHERE rowid = ?", (row[0],))
        if row[1] is not None:
            continue
        names = [r[0] for r in conn.execute(
            "SELECT name FROM aliases WHERE entity_id = ? ORDER BY count DESC", (entity_id,))]
        name, name_en = conn.execute("SELECT name, name_en FROM entities WHERE id = ?",
                                     (entity_id,)).fetchone()
        text = " ".join(index_forms(n) for n in [name, name_en or "", *names])
        conn.execute("INSERT INTO entity_fts(rowid, names) VALUES (?, ?)", (row[0], text))


# --- reading -----------------------------------------------------------------------------

_ENTITY_COLUMNS = "e.id, e.type, e.name, e.name_en, e.kb_source, e.kb_id, e.doc_count, e.mention_count"


def recount(conn: sqlite3.Connection, entity_ids: Iterable[str]) -> None:
    """Recompute the document and mention counts of these entities (after a correction)."""
    for entity_id in set(entity_ids):
        conn.execute(
            """UPDATE entities SET
                 doc_count = (SELECT count(DISTINCT doc_rowid) FROM doc_entities WHERE entity_id = ?),
                 mention_count = (SELECT count(*) FROM mentions WHERE entity_id = ?)
               WHERE id = ?""", (entity_id, entity_id, entity_id))


def resolve_id(conn: sqlite3.Connection, entity_id: str) -> str | None:
    """The live id for ``entity_id``, following merges; None when unknown."""
    seen = set()
    current = entity_id
    while current not in seen:
        seen.add(current)
        row = conn.execute("SELECT merged_into FROM entities WHERE id = ?", (current,)).fetchone()
        if row is None:
            return None
        if row[0] is None:
            return current
        current = row[0]
    raise StoreError(f"entity merges form a cycle at {entity_id}")


def load_entities(conn: sqlite3.Connection, ids: Sequence[str], *,
                  with_aliases: bool = False) -> list[StoredEntity]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT {_ENTITY_COLUMNS} FROM entities e WHERE e.id IN ({marks})",
                        list(ids)).fetchall()
    by_id = {}
    for r in rows:
        aliases: tuple[str, ...] = ()
        aliases_en: tuple[str, ...] = ()
        if with_aliases:
            arows = conn.execute(
                "SELECT name, lang FROM aliases WHERE entity_id = ? ORDER BY count DESC, name",
                (r[0],),
            ).fetchall()
            aliases = tuple(a[0] for a in arows if a[1] == "ar")
            aliases_en = tuple(a[0] for a in arows if a[1] == "en")
        by_id[r[0]] = StoredEntity(
            id=r[0], type=r[1], name=r[2], name_en=r[3],
            kb={"source": r[4], "id": r[5]} if r[4] else None,
            doc_count=r[6], mention_count=r[7], aliases=aliases, aliases_en=aliases_en,
        )
    return [by_id[i] for i in ids if i in by_id]


def entities_by_alias(conn: sqlite3.Connection, name: str, *, etype: str | None = None) -> list[str]:
    """Ids of live entities with an Arabic or English alias equal to ``name``."""
    keys = {name_key(name), en_key(name)}
    marks = ",".join("?" * len(keys))
    sql = (f"SELECT DISTINCT e.id FROM aliases a JOIN entities e ON e.id = a.entity_id "
           f"WHERE a.norm IN ({marks}) AND e.merged_into IS NULL")
    params: list[str] = list(keys)
    if etype:
        sql += " AND e.type = ?"
        params.append(etype)
    return [r[0] for r in conn.execute(sql + " ORDER BY e.rowid", params)]


def name_prefix_expression(q: str) -> str | None:
    """The FTS5 expression over ``entity_fts`` matching names that have words starting with
    each word of ``q``; None when ``q`` has no words."""
    from .textindex import parse_query

    terms = parse_query(q)
    if not terms:
        return None
    return " AND ".join(
        "(" + " OR ".join('"' + f.replace('"', '""') + '"*' for f in t.forms) + ")"
        for t in terms
    )


def search_entity_ids(conn: sqlite3.Connection, q: str | None, *, etype: str | None,
                      limit: int, offset: int) -> tuple[list[str], int]:
    """Entity ids matching ``q`` by name (prefix of each word), best first, and the total."""
    where = ["e.merged_into IS NULL"]
    params: list[object] = []
    exact = name_key(q) if q else ""
    if q and q.strip():
        expr = name_prefix_expression(q)
        if expr is None:
            return [], 0
        where.append("e.rowid IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)")
        params.append(expr)
    if etype:
        where.append("e.type = ?")
        params.append(etype)
    clause = " AND ".join(where)
    total = conn.execute(f"SELECT count(*) FROM entities e WHERE {clause}", params).fetchone()[0]
    rows = conn.execute(
        f"""SELECT e.id FROM entities e WHERE {clause}
            ORDER BY (e.norm = ? OR lower(coalesce(e.name_en, '')) = ?) DESC,
                     e.doc_count DESC, e.rowid
            LIMIT ? OFFSET ?""",
        [*params, exact, en_key(q or ""), limit, offset],
    ).fetchall()
    return [r[0] for r in rows], total


# --- corrections -------------------------------------------------------------------------


def record_correction(conn: sqlite3.Connection, op: str, **args: object) -> None:
    conn.execute("INSERT INTO corrections(op, args, created_at) VALUES (?, ?, ?)",
                 (op, json.dumps(args, ensure_ascii=False), _now()))


def require_live(conn: sqlite3.Connection, entity_id: str) -> str:
    live = resolve_id(conn, entity_id)
    if live is None:
        raise QueryError(f"no entity {entity_id!r} in the store")
    return live


def merge_entities(conn: sqlite3.Connection, keep: str, other: str) -> str:
    """Merge ``other`` into ``keep``; returns the surviving id."""
    keep = require_live(conn, keep)
    other = require_live(conn, other)
    if keep == other:
        raise QueryError(f"{keep} and {other} are already the same entity")
    ktype, otype = (conn.execute("SELECT type FROM entities WHERE id = ?", (i,)).fetchone()[0]
                    for i in (keep, other))
    for alias in conn.execute(
        "SELECT name, lang, count, origin FROM aliases WHERE entity_id = ?", (other,)
    ).fetchall():
        add_alias(conn, keep, alias[0], lang=alias[1], origin=alias[3], etype=ktype, count=alias[2])
    conn.execute("DELETE FROM aliases WHERE entity_id = ?", (other,))
    conn.execute("DELETE FROM alias_blocks WHERE entity_id = ?", (other,))
    kept = conn.execute("SELECT name_en, kb_source FROM entities WHERE id = ?", (keep,)).fetchone()
    gone = conn.execute("SELECT name_en, kb_source, kb_id FROM entities WHERE id = ?",
                        (other,)).fetchone()
    if not kept[0] and gone[0]:
        conn.execute("UPDATE entities SET name_en = ? WHERE id = ?", (gone[0], keep))
    if not kept[1] and gone[1]:
        conn.execute("UPDATE entities SET kb_source = ?, kb_id = ? WHERE id = ?",
                     (gone[1], gone[2], keep))
    merge_codes(conn, keep, other)
    for table, column in _ENTITY_REFS:
        conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (keep, other))
    conn.execute("UPDATE entities SET merged_into = ? WHERE id = ? OR merged_into = ?",
                 (keep, other, other))
    record_correction(conn, "merge", keep=keep, other=other, other_type=otype)
    recount(conn, [keep, other])
    refresh_fts(conn, [keep, other])
    return keep


_ENTITY_REFS = (("doc_entities", "entity_id"), ("mentions", "entity_id"),
                ("event_args", "entity_id"), ("event_actors", "entity_id"),
                ("quotes", "speaker_id"), ("quotes", "via_id"))


def split_entity(conn: sqlite3.Connection, entity_id: str, aliases: Sequence[str], *,
                 name: str | None = None, name_en: str | None = None) -> str:
    """Move ``aliases`` of an entity, and the document entities named by them, to a new
    entity of the same type; returns the new id."""
    entity_id = require_live(conn, entity_id)
    keys = {name_key(a) for a in aliases if name_key(a)}
    if not keys:
        raise QueryError("split needs at least one alias to move")
    have = {r[0] for r in conn.execute(
        "SELECT norm FROM aliases WHERE entity_id = ? AND lang = 'ar'", (entity_id,))}
    missing = sorted(keys - have)
    if missing:
        raise QueryError(f"{entity_id} has no alias {', '.join(missing)}")
    if have <= keys:
        raise QueryError(f"split would move every alias of {entity_id}; rename it instead")
    etype, canonical_norm = conn.execute(
        "SELECT type, norm FROM entities WHERE id = ?", (entity_id,)).fetchone()
    first = next(a for a in aliases if name_key(a))
    new_id = create_entity(conn, etype=etype, name=name or first, name_en=name_en)
    marks = ",".join("?" * len(keys))
    for alias in conn.execute(
        f"SELECT name, count, origin FROM aliases WHERE entity_id = ? AND lang = 'ar' "
        f"AND norm IN ({marks})", [entity_id, *keys],
    ).fetchall():
        add_alias(conn, new_id, alias[0], lang="ar", origin=alias[2], etype=etype, count=alias[1])
    if name:
        add_alias(conn, new_id, name, lang="ar", origin="user", etype=etype, count=0)
    if name_en:
        add_alias(conn, new_id, name_en, lang="en", origin="user", etype=etype, count=0)
    conn.execute(f"DELETE FROM aliases WHERE entity_id = ? AND lang = 'ar' AND norm IN ({marks})",
                 [entity_id, *keys])
    conn.executemany("INSERT OR IGNORE INTO alias_blocks(entity_id, norm) VALUES (?, ?)",
                     [(entity_id, k) for k in keys])
    if canonical_norm in keys:  # the old entity keeps its most frequent remaining alias
        row = conn.execute("SELECT name FROM aliases WHERE entity_id = ? AND lang = 'ar' "
                           "ORDER BY count DESC LIMIT 1", (entity_id,)).fetchone()
        conn.execute("UPDATE entities SET name = ?, norm = ? WHERE id = ?",
                     (row[0], name_key(row[0]), entity_id))
    moved = conn.execute(
        f"SELECT doc_rowid, local_id FROM doc_entities WHERE entity_id = ? AND norm IN ({marks})",
        [entity_id, *keys],
    ).fetchall()
    for doc_rowid, local_id in moved:
        remap_local(conn, doc_rowid, local_id, new_id)
    record_correction(conn, "split", entity=entity_id, new=new_id, aliases=sorted(keys),
                      name=name, name_en=name_en)
    recount(conn, [entity_id, new_id])
    refresh_fts(conn, [entity_id, new_id])
    return new_id


def remap_local(conn: sqlite3.Connection, doc_rowid: int, local_id: str, entity_id: str) -> None:
    """Point one document's entity, and every fact naming it, at another stored entity."""
    conn.execute("UPDATE doc_entities SET entity_id = ? WHERE doc_rowid = ? AND local_id = ?",
                 (entity_id, doc_rowid, local_id))
    conn.execute("UPDATE mentions SET entity_id = ? WHERE doc_rowid = ? AND local_id = ?",
                 (entity_id, doc_rowid, local_id))
    conn.execute("UPDATE event_args SET entity_id = ? WHERE doc_rowid = ? AND local_id = ?",
                 (entity_id, doc_rowid, local_id))
    conn.execute("UPDATE event_actors SET entity_id = ? WHERE doc_rowid = ? AND local_id = ?",
                 (entity_id, doc_rowid, local_id))
    conn.execute("UPDATE quotes SET speaker_id = ? WHERE doc_rowid = ? AND speaker_local = ?",
                 (entity_id, doc_rowid, local_id))
    conn.execute("UPDATE quotes SET via_id = ? WHERE doc_rowid = ? AND via_local = ?",
                 (entity_id, doc_rowid, local_id))


def rename_entity(conn: sqlite3.Connection, entity_id: str, *, name: str | None = None,
                  name_en: str | None = None) -> str:
    """Fix an entity's canonical Arabic and/or English name; later documents never change it."""
    entity_id = require_live(conn, entity_id)
    if not (name and name.strip()) and not (name_en and name_en.strip()):
        raise QueryError("rename needs a new name or a new English name")
    etype = conn.execute("SELECT type FROM entities WHERE id = ?", (entity_id,)).fetchone()[0]
    if name and name.strip():
        name = name.strip()
        conn.execute("UPDATE entities SET name = ?, norm = ?, name_locked = 1 WHERE id = ?",
                     (name, name_key(name), entity_id))
        conn.execute("DELETE FROM alias_blocks WHERE entity_id = ? AND norm = ?",
                     (entity_id, name_key(name)))
        add_alias(conn, entity_id, name, lang="ar", origin="user", etype=etype, count=0)
    if name_en and name_en.strip():
        name_en = name_en.strip()
        conn.execute("UPDATE entities SET name_en = ?, name_en_locked = 1 WHERE id = ?",
                     (name_en, entity_id))
        add_alias(conn, entity_id, name_en, lang="en", origin="user", etype=etype, count=0)
    record_correction(conn, "rename", entity=entity_id, name=name, name_en=name_en)
    refresh_fts(conn, [entity_id])
    return entity_id


def set_kb(conn: sqlite3.Connection, entity_id: str, source: str, kb_id: str, *,
           name_en: str | None = None) -> str:
    """Link an entity to a knowledge base; ``name_en`` is kept unless a person fixed it."""
    entity_id = require_live(conn, entity_id)
    conn.execute("UPDATE entities SET kb_source = ?, kb_id = ? WHERE id = ?",
                 (source, kb_id, entity_id))
    if name_en and name_en.strip():
        locked = conn.execute("SELECT name_en_locked FROM entities WHERE id = ?",
                              (entity_id,)).fetchone()[0]
        if not locked:
            conn.execute("UPDATE entities SET name_en = ? WHERE id = ?", (name_en.strip(), entity_id))
        add_alias(conn, entity_id, name_en, lang="en", origin="kb", count=0)
        refresh_fts(conn, [entity_id])
    return entity_id


# --- actor codes -------------------------------------------------------------------------
# Each stored entity's country and sector, each with where it came from. A later origin
# wins over an earlier one: what the articles say (doc) < a Wikidata import < a person.

CODE_FIELDS = ("country", "sector")
ORIGIN_RANK = {"doc": 0, "wikidata": 1, "user": 2}


def entity_code(conn: sqlite3.Connection, entity_id: str) -> dict[str, tuple[str | None, str | None]]:
    """``{field: (value, origin)}`` for the fields the store holds for an entity."""
    row = conn.execute("SELECT country, country_origin, sector, sector_origin FROM entity_codes "
                       "WHERE entity_id = ?", (entity_id,)).fetchone()
    if row is None:
        return {}
    return {f: (row[2 * i], row[2 * i + 1]) for i, f in enumerate(CODE_FIELDS)
            if row[2 * i + 1] is not None}


def _write_code(conn: sqlite3.Connection, entity_id: str,
                code: dict[str, tuple[str | None, str | None]]) -> None:
    values = [v for f in CODE_FIELDS for v in code.get(f, (None, None))]
    conn.execute("INSERT OR REPLACE INTO entity_codes(entity_id, country, country_origin, "
                 "sector, sector_origin) VALUES (?, ?, ?, ?, ?)", (entity_id, *values))


def effective_code(stored: dict[str, tuple[str | None, str | None]],
                   given: dict[str, str | None]) -> dict[str, str | None]:
    """The code a document's entity ends with: a person's or an import's value wins (a
    person may also say "none"), else the document's own, else the store's."""
    imposed = overriding(stored)
    return {f: imposed[f] if f in imposed else (given.get(f) or stored.get(f, (None, None))[0])
            for f in CODE_FIELDS}


def overriding(stored: dict[str, tuple[str | None, str | None]]) -> dict[str, str | None]:
    """The fields the store imposes on every article: a person's, and an import's value."""
    return {f: value for f, (value, origin) in stored.items()
            if origin == "user" or (origin == "wikidata" and value is not None)}


def actor_code(stored: dict[str, tuple[str | None, str | None]], entity: dict[str, str | None],
               actor: dict[str, str | None]) -> dict[str, str | None]:
    """An event actor's code: the store's imposed fields, else the actor's own (the words
    around it may say more than its entity: الوزير الروسي), else its entity's."""
    imposed = overriding(stored)
    return {f: imposed[f] if f in imposed else (actor.get(f) or entity.get(f))
            for f in CODE_FIELDS}


def accumulate_code(conn: sqlite3.Connection, entity_id: str, given: dict[str, str | None],
                    ) -> dict[str, tuple[str | None, str | None]]:
    """Fold a document's code for an entity into the store (the store keeps the first
    value the articles gave for each field); returns the stored code."""
    stored = entity_code(conn, entity_id)
    changed = False
    for f in CODE_FIELDS:
        if f not in stored and given.get(f):
            stored[f] = (given[f], "doc")
            changed = True
    if changed:
        _write_code(conn, entity_id, stored)
    return stored


def set_code(conn: sqlite3.Connection, entity_id: str, *, origin: str = "user",
             **fields: str | None) -> dict[str, str | None]:
    """Set an entity's country and/or sector (``None``: no code); a person's value is
    recorded as a correction and overrides every article, now and later. Returns the
    entity's code after the change."""
    from ..actors.tables import SECTORS

    entity_id = require_live(conn, entity_id)
    unknown = set(fields) - set(CODE_FIELDS)
    if unknown or not fields:
        raise QueryError("a code is a country and/or a sector")
    clean: dict[str, str | None] = {}
    for f, value in fields.items():
        value = (value or "").strip().upper() or None
        if value == "NONE":
            value = None
        if f == "country" and value is not None and not (len(value) == 3 and value.isalpha()):
            raise QueryError(f"country must be an ISO 3166-1 alpha-3 code (RUS), not {value!r}")
        if f == "sector" and value is not None and value not in SECTORS:
            raise QueryError(f"unknown sector {value!r}; use one of {', '.join(sorted(SECTORS))}")
        clean[f] = value
    stored = entity_code(conn, entity_id)
    for f, value in clean.items():
        _, old = stored.get(f, (None, None))
        if origin != "user" and ORIGIN_RANK.get(old or "doc", 0) > ORIGIN_RANK[origin]:
            continue  # an import never undoes a person's correction
        stored[f] = (value, origin)
        conn.execute(f"UPDATE event_actors SET {f} = ? WHERE entity_id = ?", (value, entity_id))
    _write_code(conn, entity_id, stored)
    if origin == "user":
        record_correction(conn, "code", entity=entity_id, **clean)
    return {f: stored.get(f, (None, None))[0] for f in CODE_FIELDS}


def merge_codes(conn: sqlite3.Connection, keep: str, other: str) -> None:
    """The merged entity's code fields fill the survivor's, by origin rank."""
    kept, gone = entity_code(conn, keep), entity_code(conn, other)
    changed = False
    for f, (value, origin) in gone.items():
        old = kept.get(f)
        if old is None or ORIGIN_RANK.get(origin or "doc", 0) > ORIGIN_RANK.get(old[1] or "doc", 0):
            kept[f] = (value, origin)
            changed = True
    if changed:
        _write_code(conn, keep, kept)
    conn.execute("DELETE FROM entity_codes WHERE entity_id = ?", (other,))
