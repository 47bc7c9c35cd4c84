"""What a reply is rendered with: the knowledge, the user's language and role, the UI translator, and the
knowledge translations — which also note when English or a draft translation is shown."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.i18n import Catalogs, Status, Translator
from bot.kb.model import Contact, Issue, KnowledgeBase, Theme
from bot.languages import RTL_LANGUAGES
from bot.replies.model import esc

STAFF, MIGRANT = "staff", "migrant"
ROLES = (STAFF, MIGRANT)
LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"


@dataclass(frozen=True)
class RenderContext:
    kb: KnowledgeBase
    t: Translator
    lang: str
    role: str | None
    catalogs: Catalogs | None = None
    shown: set[str] = field(default_factory=set)  # "english" and/or "draft", for the notes under a reply
    area: str | None = None  # the local area the person chose (/area), if any

    @property
    def role_code(self) -> str:
        return {STAFF: "s", MIGRANT: "m"}.get(self.role or "", "-")

    @property
    def rtl(self) -> bool:
        return self.lang in RTL_LANGUAGES

    def text(self, context: str, english: str) -> str:
        """Knowledge text in the reply language; today's English when not translated (or outdated)."""
        if self.catalogs is None:
            return english
        found = self.catalogs.knowledge(self.lang, context, english)
        if found.status in (Status.OUTDATED, Status.MISSING):
            self.shown.add("english")
        elif found.unreviewed:
            self.shown.add("draft")
        return found.text

    def issue_title(self, issue: Issue) -> str:
        return self.text(f"issue.{issue.id}.title", issue.title)

    def theme_title(self, theme: Theme) -> str:
        return self.text(f"theme.{theme.id}.title", theme.title)

    def issue_text(self, issue: Issue, name: str) -> str:
        return self.text(f"issue.{issue.id}.{name}", str(getattr(issue, name) or ""))

    def action(self, issue: Issue, n: int) -> str:
        return self.text(f"issue.{issue.id}.actions.{n + 1}", issue.actions[n])

    def indicator_title(self, number: int) -> str:
        indicator = self.kb.indicator(number)
        return self.text(f"ni.{number}.title", indicator.title) if indicator else ""

    def contact_name(self, contact: Contact) -> str:
        return self.text(f"contact.{contact.id}.name", contact.name)

    def contact_notes(self, contact: Contact) -> str | None:
        return self.text(f"contact.{contact.id}.notes", contact.notes) if contact.notes else None

    def phone_label(self, contact: Contact, n: int) -> str | None:
        label = contact.phones[n].label
        return self.text(f"contact.{contact.id}.phone.{n + 1}", label) if label else None

    def source_label(self, source: str) -> str:
        """A seed citation ("001_….txt, Chapter Two: Housing") as a reader names it: "CLG, Managing the impacts of
        migration, 2009 — Chapter Two: Housing"."""
        document = self.kb.source_document(source)
        if document is None:
            return source
        section = source.split(",", 1)[1].strip() if "," in source else ""
        return f"{document.short} — {section}" if section else document.short

    def ltr(self, text: str) -> str:
        """Phone numbers, emails and URLs keep left-to-right order inside Arabic and Farsi text."""
        return f"{LRI}{text}{PDI}" if self.rtl else text

    def notes(self) -> list[str]:
        """One line each, in the user's language, under content shown in English or as a draft translation."""
        lines = []
        if "english" in self.shown:
            lines.append(
                "ℹ️ " + self.t.gettext("Some of this text is shown in English: its translation is not ready yet.")
            )
        if "draft" in self.shown:
            lines.append("ℹ️ " + self.t.gettext("Draft translation, not yet checked by a native speaker."))
        return [f"<i>{esc(line)}</i>" for line in lines]


def role_from_code(code: str) -> str | None:
    return {"s": STAFF, "m": MIGRANT}.get(code)
