"""The knowledge model: plain frozen dataclasses, built once by the loader and shared read-only."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

AUDIENCE_CODES: tuple[str, ...] = ("MW", "AS", "UASC", "R", "LS")
MIGRANT_AUDIENCES: frozenset[str] = frozenset({"MW", "AS", "UASC", "R"})
CRISIS_KINDS: tuple[str, ...] = ("suicide", "violence", "trafficking", "child", "medical")
JOKING = "joking"  # crisis/<lang>.yaml: signs that a message laughs at itself ("haha", "😂")
PAST = "past"  # crisis/<lang>.yaml: words placing an event in the past, over ("years ago", "rok temu")
NOW = "now"  # crisis/<lang>.yaml: words saying a danger goes on or is coming ("still", "tonight", "znowu")
SIGNS: tuple[str, ...] = (JOKING, PAST, NOW)  # the crisis files' keys that list signs, not crisis phrases
SERVICE_KINDS: tuple[str, ...] = ("emergency", "crisis-line", "advice", "government")
AREA_ITEM_KINDS: tuple[str, ...] = ("fact", "service", "action")
TOOLKIT_SOURCE_PREFIX = "LAA Toolkit"


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    source: str | None = None


@dataclass(frozen=True)
class Indicator:
    number: int
    title: str
    source: str | None = None


@dataclass(frozen=True)
class Phone:
    number: str
    label: str | None = None


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    source: str
    verified: str | None
    annex2_item: int | None = None
    kind: str | None = None
    lead_agency: str | None = None
    lead_person: str | None = None
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    notes: str | None = None
    address: str | None = None
    languages: tuple[str, ...] = ()  # ISO 639 codes of the languages the service is given in (HSDS export)
    # for a body known to have closed (or been renamed) since its source was printed: one line saying when, and
    # today's equivalent (unverified); None while it is thought to exist as printed
    historical: str | None = None

    @property
    def from_toolkit(self) -> bool:
        return self.source.startswith(TOOLKIT_SOURCE_PREFIX)


@dataclass(frozen=True)
class Issue:
    id: str
    theme: str
    title: str
    summary: str
    audience: tuple[str, ...]
    indicators: tuple[int, ...]
    actions: tuple[str, ...]
    contacts: tuple[str, ...]
    source: str
    indicators_as_printed: str | None = None
    guidance: str | None = None
    services: tuple[str, ...] = ()
    staff_services: tuple[str, ...] = ()
    # for issues the project team added from the other seed documents: the seed source of each action (None for
    # the toolkit's own), and who wrote the migrant guidance when it is not the toolkit
    action_sources: tuple[str | None, ...] = ()
    guidance_source: str | None = None
    # the quick answer for frontline staff: "- " bullet lines (who is entitled to what, what to do today, how to
    # refer), and who wrote it (it is not from the toolkit, so it says it needs verification)
    staff_answer: str | None = None
    staff_answer_source: str | None = None
    # where the summary or an action states a rule or body of its year (2008) that has changed: one line on today
    dated_note: str | None = None
    # for a staff-only issue (no guidance): the nearest issue that has guidance, offered to a migrant instead
    migrant_alternative: str | None = None

    @property
    def for_migrants(self) -> bool:
        return bool(MIGRANT_AUDIENCES.intersection(self.audience))

    @property
    def from_toolkit(self) -> bool:
        """One of the LAA Toolkit's 23 issues (the others were added by the project team from other seeds)."""
        return self.source.startswith(TOOLKIT_SOURCE_PREFIX)

    def action_source(self, n: int) -> str | None:
        return self.action_sources[n] if n < len(self.action_sources) else None


@dataclass(frozen=True)
class SourceDocument:
    """A seed document: the file the knowledge cites, and how to name it to a reader."""

    file: str
    title: str
    publisher: str
    short: str
    year: int


@dataclass(frozen=True)
class Practice:
    """Something a council or other body did about an issue, and what came of it (staff only)."""

    id: str
    title: str
    body: str  # the organisation(s)
    text: str  # what they did
    issues: tuple[str, ...]  # the first is the issue it fits best
    source: str  # "<seed file>, <section>"
    year: int
    quoted: bool  # True: the document's own words; False: a faithful summary
    result: str | None = None
    people: tuple[str, ...] = ()  # names printed in the source: for admins, never shown


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    issues: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistGroup:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """The council self-assessment checklist (/checklist), grouped as in its source."""

    source: str
    year: int
    groups: tuple[ChecklistGroup, ...]

    @property
    def items(self) -> list[tuple[ChecklistGroup, ChecklistItem]]:
        return [(group, item) for group in self.groups for item in group.items]

    def group(self, group_id: str) -> ChecklistGroup | None:
        return next((g for g in self.groups if g.id == group_id), None)


@dataclass(frozen=True)
class AreaItem:
    """One thing a local document says: a fact, a service or an action, as printed in `year`."""

    id: str
    kind: str  # fact | service | action
    text: str
    issues: tuple[str, ...]
    source: str
    year: int
    quoted: bool
    phones: tuple[Phone, ...] = ()
    urls: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    address: str | None = None
    for_migrants: bool = False  # shown on the migrant card too
    sensitive: bool = False  # could stigmatise a group: never shown to migrants; staff see it with source and year
    people: tuple[str, ...] = ()  # names printed in the source: for admins, never shown


@dataclass(frozen=True)
class Area:
    id: str
    name: str
    items: tuple[AreaItem, ...]
    within: str | None = None  # a larger area whose items also apply (Derby is in the East Midlands)
    people: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeBase:
    themes: tuple[Theme, ...]
    issues: tuple[Issue, ...]
    contacts: tuple[Contact, ...]
    indicators: tuple[Indicator, ...]
    # language -> issue id -> phrasings
    phrasings: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> crisis kind -> phrases
    crisis: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> laughter words and emoji: a crisis phrase beside one is a figure of speech ("this queue kills me 😂")
    joking: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> words placing an event in the past ("years ago") / saying it goes on ("still", "tonight")
    past: dict[str, tuple[str, ...]] = field(default_factory=dict)
    now: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> "greeting" | "thanks" -> phrases
    smalltalk: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # crisis kind -> contact ids to call, most urgent first
    crisis_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> stop words
    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)
    # language -> the first words of a follow-up ("and", "what about", "a co z"): read with the previous topic
    follow_ups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> issue id or "none" (off-topic) -> messages people might send (training data for the matcher)
    examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> crisis kind or "not_crisis" -> messages (training data for the crisis classifier)
    crisis_examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    sources: tuple[SourceDocument, ...] = ()
    practices: tuple[Practice, ...] = ()
    checklist: Checklist | None = None
    areas: tuple[Area, ...] = ()

    def without_training_texts(self) -> KnowledgeBase:
        """The knowledge as the running bot keeps it once its matcher is built: the example messages (about 44,000,
        13 MB of text) are read only to build the matcher, and nothing answers from them."""
        return replace(self, examples={}, crisis_examples={})

    def practices_for(self, issue_id: str) -> list[Practice]:
        """Practices for an issue, best first: those that fit it best (it comes first in their issues), those with a
        result, then in file order."""
        found = [(n, p) for n, p in enumerate(self.practices) if issue_id in p.issues]
        found.sort(key=lambda x: (x[1].issues.index(issue_id) > 0, x[1].result is None, x[0]))
        return [p for _, p in found]

    def area(self, area_id: str | None) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None) if area_id else None

    def area_items(self, area_id: str | None, issue_id: str) -> list[tuple[Area, AreaItem]]:
        """What the area's documents say about an issue: the area's own items first, then those of the larger area
        it lies within."""
        found: list[tuple[Area, AreaItem]] = []
        area, seen = self.area(area_id), set()
        while area is not None and area.id not in seen:
            seen.add(area.id)
            found.extend((area, item) for item in area.items if issue_id in item.issues)
            area = self.area(area.within)
        return found

    def source_document(self, source: str) -> SourceDocument | None:
        """The seed document a `source` text ("<file>, <section>") names."""
        file = source.split(",", 1)[0].strip()
        return next((d for d in self.sources if d.file == file), None)

    def issue(self, issue_id: str) -> Issue | None:
        return self._issues_by_id().get(issue_id)

    def contact(self, contact_id: str) -> Contact | None:
        return self._contacts_by_id().get(contact_id)

    def theme(self, theme_id: str) -> Theme | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def indicator(self, number: int) -> Indicator | None:
        return self._indicators_by_number().get(number)

    def issues_in(self, theme_id: str) -> list[Issue]:
        return [i for i in self.issues if i.theme == theme_id]

    def _issues_by_id(self) -> dict[str, Issue]:
        return _index(self, "_issue_index", {i.id: i for i in self.issues})

    def _contacts_by_id(self) -> dict[str, Contact]:
        return _index(self, "_contact_index", {c.id: c for c in self.contacts})

    def _indicators_by_number(self) -> dict[int, Indicator]:
        return _index(self, "_indicator_index", {i.number: i for i in self.indicators})


def _index(kb: KnowledgeBase, name: str, value: dict) -> dict:  # type: ignore[type-arg]
    cached = kb.__dict__.get(name)
    if cached is None:
        object.__setattr__(kb, name, value)
        cached = value
    return cached
