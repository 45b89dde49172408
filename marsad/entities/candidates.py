"""Candidate mentions and the priorities that settle their overlaps.

Every rule proposes candidates; ``resolve`` keeps, among overlapping ones, the higher
priority, then the longer span. The order encodes how far each source is trusted: a name
after a title chain is the surest, a well-known person next, a descriptor (a title standing
for a person named elsewhere) the least.
"""

from __future__ import annotations

from dataclasses import dataclass, field

P_INNER_NAMES = 6.6  # an organisation or facility named with a known name or a patron
P_TITLED_PERSON = 6.5
P_KNOWN_PERSON = 6.0
P_KNOWN_ORG = 5.2
P_RULE_ORG = 5.0
P_REGION = 4.2
P_PLACE = 4.0
P_MODEL = 3.0
P_NAME_PAIR = 2.0
P_NORP = 2.0
P_AMBIGUOUS_PLACE = 1.9
P_WEAK_ORG = 1.8
P_PROPAGATED = 1.5
P_DESCRIPTOR = 1.0


@dataclass
class Candidate:
    first: int  # token index
    end: int  # token index, exclusive
    type: str
    priority: float
    source: str
    titles: list[tuple[int, int]] = field(default_factory=list)  # token ranges
    start_char: int | None = None  # explicit character bounds (quoted names)
    end_char: int | None = None
    descriptor: bool = False

    @property
    def length(self) -> int:
        return self.end - self.first
