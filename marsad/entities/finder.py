"""``MentionFinder``: the lexicons, the rules' word lists and the tagger, loaded once, and
the mention search over one document."""

from __future__ import annotations

from typing import Any

from ..document import Document, Mention
from ..lexicons.matcher import PhraseMatcher
from ..lexicons.tables import Lexicons
from ..linking.newsroom import leaders
from .context import DocContext
from .gazetteer import add_gazetteer
from .model import add_model
from .orgs import add_org_rules, add_quoted_outlets, add_regions
from .persons import add_name_pairs, add_peoples, add_titled_persons, can_stand_alone
from .resolve import harmonise_types, propagate, resolve, to_mention
from .rules import Rules, load_rules

# The rules in the order they run: a later rule reads the spans earlier ones marked
# (``DocContext.spans_at``): organisations and places before the people they bound.
RULES = (add_gazetteer, add_org_rules, add_quoted_outlets, add_regions, add_titled_persons,
         add_model, add_name_pairs, add_peoples)


class MentionFinder:
    """Finds the mentions of one document; holds what every document shares."""

    def __init__(self, lexicons: Lexicons, *, tagger: Any = None,
                 rules: Rules | None = None) -> None:
        self.lex = lexicons
        self.rules = rules or load_rules()
        self.tagger = tagger
        phrases: list[tuple[str, tuple[str, str]]] = []
        for kind, table in (("title", lexicons.titles), ("part", lexicons.org_parts),
                            ("org", lexicons.known_orgs), ("person", lexicons.persons),
                            ("place", lexicons.places)):
            phrases += [(key, (kind, key)) for key in table]
        # a well-known person's surname on its own (بوتين, لبوتين)
        for key, person in lexicons.persons.items():
            words = key.split()
            surnames = person.surnames or ((words[-1],) if len(words) >= 2 else ())
            phrases += [(s, ("surname", s)) for s in surnames
                        if can_stand_alone(s, lexicons, self.rules)]
        # heads of state and government, ministers of recent years: their full names (a
        # surname alone is left to propagation, once the full name is found)
        phrases += [(key, ("person", key)) for key in leaders() if " " in key
                    and key not in lexicons.persons]
        self.matcher: PhraseMatcher[tuple[str, str]] = PhraseMatcher(phrases, keyed=True)
        self.person_words = {w for key in lexicons.persons for w in key.split()}

    def find(self, doc: Document) -> list[Mention]:
        ctx = DocContext(self, doc)
        for rule in RULES:
            rule(ctx)
        chosen = propagate(ctx, harmonise_types(ctx, resolve(ctx.cands)))
        return [to_mention(ctx, c) for c in sorted(chosen, key=ctx.char_span)]
