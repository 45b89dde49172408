"""The full-text index of each backend, behind one small interface.

Both index the same tokens (``textindex.index_tokens``: the project's normalisation and
clitic stripping, done in Python) and answer the same questions the same way:

- which stories hold every query word (a word matches when one of its forms does; a form
  of several tokens needs all of them);
- their BM25 rank with the title weighing 4 and the body 1 (SQLite FTS5's ``bm25``:
  k1 = 1.2, b = 0.75, IDF = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6, one term per
  quoted phrase of the query, the document length counted over both columns);
- which entities have names with words starting with (or equal to) each query word.

SQLite asks FTS5. PostgreSQL keeps posting tables (token -> story, counts per column),
computes the same BM25 in SQL and keeps N and the token total in ``counters``.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING, Any, Protocol

from .textindex import Term, fts_expression, index_tokens

if TYPE_CHECKING:
    from .sql import Connection

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
# the highest code point: term < prefix + this covers every word that starts with prefix
_AFTER_ALL = "\U0010ffff"


class TextIndex(Protocol):
    """What the store's queries ask of a full-text index."""

    def add_document(self, conn: Connection, rowid: int, title: str | None, body: str,
                     tokens: tuple[list[str], list[str]] | None = None) -> None: ...

    def documents_matching(self, terms: list[Term]) -> tuple[str, list[Any]]:
        """An SQL condition on ``d.rowid``: the story holds every term."""
        ...

    def ranked(self, conn: Connection, terms: list[Term], where: str, params: list[Any], *,
               limit: int, offset: int) -> list[tuple[int, float]]:
        """(rowid, bm25) of the stories matching ``where`` (over ``documents d``), best
        first, then newest, then by id."""
        ...

    def set_entity_names(self, conn: Connection, entity_rowid: int,
                         names: list[str] | None) -> None:
        """Index (or, with None, unindex) an entity's names."""
        ...

    def entities_named(self, terms: list[Term], *, prefix: bool) -> tuple[str, list[Any]]:
        """An SQL condition on ``e.rowid``: the entity has a name word equal to (or, with
        ``prefix``, starting with) each term."""
        ...


def split_tokens(title: str | None, body: str) -> tuple[list[str], list[str]]:
    return index_tokens(title), index_tokens(body)


def name_tokens(names: list[str]) -> list[str]:
    """The index tokens of an entity's names, each name read on its own."""
    return [t for name in names for t in index_tokens(name)]


class SQLiteTextIndex:
    """FTS5: ``doc_fts`` (title, body) and ``entity_fts`` (names), contentless."""

    def add_document(self, conn: Connection, rowid: int, title: str | None, body: str,
                     tokens: tuple[list[str], list[str]] | None = None) -> None:
        title_tokens, body_tokens = tokens or split_tokens(title, body)
        conn.execute("INSERT INTO doc_fts(rowid, title, body) VALUES (?, ?, ?)",
                     (rowid, " ".join(title_tokens), " ".join(body_tokens)))

    def documents_matching(self, terms: list[Term]) -> tuple[str, list[Any]]:
        return ("d.rowid IN (SELECT rowid FROM doc_fts WHERE doc_fts MATCH ?)",
                [fts_expression(terms)])

    def ranked(self, conn: Connection, terms: list[Term], where: str, params: list[Any], *,
               limit: int, offset: int) -> list[tuple[int, float]]:
        rows = conn.execute(
            f"""SELECT d.rowid, bm25(doc_fts, {TITLE_WEIGHT}, {BODY_WEIGHT}) AS score
                FROM doc_fts JOIN documents d ON d.rowid = doc_fts.rowid
                WHERE doc_fts MATCH ? AND {where}
                ORDER BY score, d.published DESC, d.id LIMIT ? OFFSET ?""",
            [fts_expression(terms), *params, limit, offset],
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def set_entity_names(self, conn: Connection, entity_rowid: int,
                         names: list[str] | None) -> None:
        conn.execute("DELETE FROM entity_fts WHERE rowid = ?", (entity_rowid,))
        if names is not None:
            conn.execute("INSERT INTO entity_fts(rowid, names) VALUES (?, ?)",
                         (entity_rowid, " ".join(name_tokens(names))))

    def entities_named(self, terms: list[Term], *, prefix: bool) -> tuple[str, list[Any]]:
        return ("e.rowid IN (SELECT rowid FROM entity_fts WHERE entity_fts MATCH ?)",
                [fts_expression(terms, prefix=prefix)])


class PostgresTextIndex:
    """Posting tables: ``doc_terms`` (term, story, count in title, count in body),
    ``doc_lengths`` (tokens per story) and ``entity_terms`` (term, entity)."""

    def add_document(self, conn: Connection, rowid: int, title: str | None, body: str,
                     tokens: tuple[list[str], list[str]] | None = None) -> None:
        from .schema import bump

        title_tokens, body_tokens = tokens or split_tokens(title, body)
        in_title, in_body = Counter(title_tokens), Counter(body_tokens)
        with conn.raw.cursor().copy(
                "COPY doc_terms (term, doc_rowid, title_tf, body_tf) FROM STDIN") as copy:
            for term in in_title.keys() | in_body.keys():
                copy.write_row((term, rowid, in_title.get(term, 0), in_body.get(term, 0)))
        length = len(title_tokens) + len(body_tokens)
        conn.execute("INSERT INTO doc_lengths(doc_rowid, tokens) VALUES (?, ?)", (rowid, length))
        bump(conn, fts_documents=1, fts_tokens=length)

    @staticmethod
    def _has_form(tokens: tuple[str, ...], params: list[Any]) -> str:
        parts = []
        for token in tokens:
            parts.append("d.rowid IN (SELECT doc_rowid FROM doc_terms WHERE term = ?)")
            params.append(token)
        return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"

    def documents_matching(self, terms: list[Term]) -> tuple[str, list[Any]]:
        params: list[Any] = []
        conditions = []
        for term in terms:
            singles = [t[0] for t in term.token_sets if len(t) == 1]
            alts = []
            if singles:
                alts.append("d.rowid IN (SELECT doc_rowid FROM doc_terms WHERE term IN "
                            f"({','.join('?' * len(singles))}))")
                params.extend(singles)
            for tokens in term.token_sets:
                if len(tokens) > 1:
                    alts.append(self._has_form(tokens, params))
            conditions.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        return " AND ".join(conditions), params

    def ranked(self, conn: Connection, terms: list[Term], where: str, params: list[Any], *,
               limit: int, offset: int) -> list[tuple[int, float]]:
        # one BM25 term per quoted phrase of the FTS5 query, that is per token
        phrases = [t for term in terms for tokens in term.token_sets for t in tokens]
        totals = dict(conn.execute(
            "SELECT name, value FROM counters WHERE name IN ('fts_documents', 'fts_tokens')"
        ).fetchall())
        n_docs = int(totals.get("fts_documents", 0))
        if not n_docs:
            return []
        avgdl = int(totals.get("fts_tokens", 0)) / n_docs
        hits = dict(conn.execute(
            f"SELECT term, count(*) FROM doc_terms WHERE term IN ({','.join('?' * len(phrases))}) "
            "GROUP BY term", sorted(set(phrases))).fetchall())
        weights: list[Any] = []
        for token in phrases:
            n_hit = int(hits.get(token, 0))
            idf = math.log((n_docs - n_hit + 0.5) / (n_hit + 0.5))
            weights.extend([token, idf if idf > 0 else 1e-6])
        values = ",".join(["(CAST(? AS TEXT), CAST(? AS DOUBLE PRECISION))"] * len(phrases))
        freq = f"({TITLE_WEIGHT} * p.title_tf + {BODY_WEIGHT} * p.body_tf)"
        rows = conn.execute(
            f"""SELECT d.rowid,
                       -sum(w.idf * ({freq} * {K1 + 1}) /
                            ({freq} + {K1} * ({1 - B} + {B} * l.tokens / ?))) AS score
                FROM (VALUES {values}) AS w(term, idf)
                JOIN doc_terms p ON p.term = w.term
                JOIN documents d ON d.rowid = p.doc_rowid
                JOIN doc_lengths l ON l.doc_rowid = d.rowid
                WHERE {where}
                GROUP BY d.rowid
                ORDER BY score, d.published DESC, d.id LIMIT ? OFFSET ?""",
            [avgdl, *weights, *params, limit, offset],
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def set_entity_names(self, conn: Connection, entity_rowid: int,
                         names: list[str] | None) -> None:
        conn.execute("DELETE FROM entity_terms WHERE entity_rowid = ?", (entity_rowid,))
        if names is not None:
            conn.executemany(
                "INSERT INTO entity_terms(term, entity_rowid) VALUES (?, ?)",
                [(t, entity_rowid) for t in dict.fromkeys(name_tokens(names))])

    def entities_named(self, terms: list[Term], *, prefix: bool) -> tuple[str, list[Any]]:
        params: list[Any] = []
        conditions = []
        for term in terms:
            alts = []
            for tokens in term.token_sets:
                parts = []
                for token in tokens:
                    if prefix:
                        parts.append("e.rowid IN (SELECT entity_rowid FROM entity_terms "
                                     "WHERE term >= ? AND term < ?)")
                        params.extend([token, token + _AFTER_ALL])
                    else:
                        parts.append("e.rowid IN (SELECT entity_rowid FROM entity_terms "
                                     "WHERE term = ?)")
                        params.append(token)
                alts.append(parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")")
            conditions.append(alts[0] if len(alts) == 1 else "(" + " OR ".join(alts) + ")")
        return " AND ".join(conditions), params
