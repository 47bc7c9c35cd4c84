"""What a reply is rendered with: the knowledge, the user's language and role, and the UI translator."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator
from bot.kb.model import Contact, Issue, KnowledgeBase, Theme

STAFF, MIGRANT = "staff", "migrant"
ROLES = (STAFF, MIGRANT)


@dataclass(frozen=True)
class RenderContext:
    kb: KnowledgeBase
    t: Translator
    lang: str
    role: str | None

    @property
    def role_code(self) -> str:
        return {STAFF: "s", MIGRANT: "m"}.get(self.role or "", "-")

    # Knowledge text in the reply language. English is the source; translations come from the knowledge
    # catalogs (see bot/i18n.py) — until a string is translated the English text is shown.
    def issue_title(self, issue: Issue) -> str:
        return issue.title

    def theme_title(self, theme: Theme) -> str:
        return theme.title

    def issue_text(self, issue: Issue, field: str) -> str:
        return str(getattr(issue, field) or "")

    def action(self, issue: Issue, n: int) -> str:
        return issue.actions[n]

    def contact_notes(self, contact: Contact) -> str | None:
        return contact.notes


def role_from_code(code: str) -> str | None:
    return {"s": STAFF, "m": MIGRANT}.get(code)
