"""The knowledge model: plain frozen dataclasses, built once by the loader and shared read-only."""

from __future__ import annotations

from dataclasses import dataclass, field

AUDIENCE_CODES: tuple[str, ...] = ("MW", "AS", "UASC", "R", "LS")
MIGRANT_AUDIENCES: frozenset[str] = frozenset({"MW", "AS", "UASC", "R"})
CRISIS_KINDS: tuple[str, ...] = ("suicide", "violence", "trafficking", "child", "medical")
SERVICE_KINDS: tuple[str, ...] = ("emergency", "crisis-line", "advice", "government")


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

    @property
    def from_toolkit(self) -> bool:
        return self.source.startswith("LAA Toolkit")


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

    @property
    def for_migrants(self) -> bool:
        return bool(MIGRANT_AUDIENCES.intersection(self.audience))


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
    # language -> "greeting" | "thanks" -> phrases
    smalltalk: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # crisis kind -> contact ids to call, most urgent first
    crisis_lines: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # language -> stop words
    stopwords: dict[str, frozenset[str]] = field(default_factory=dict)
    # language -> issue id or "none" (off-topic) -> messages people might send (training data for the matcher)
    examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # language -> crisis kind or "not_crisis" -> messages (training data for the crisis classifier)
    crisis_examples: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)

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
