"""Personal names printed in the seeds stay in the knowledge files (they record the source) but are never shown or
exported: a contact's `lead_person` is dropped from its name, and an email address made of that person's name
(firstname.lastname@...) is never shown — the organisation's general contact is, when one is printed."""

from __future__ import annotations

import re

from bot.kb.model import Contact

_SEPARATORS = " ,،;:–—-"


def name_words(person: str | None) -> set[str]:
    """The words of a person's name, in lower case ("Pa Musa Jobarteh" -> {"pa", "musa", "jobarteh"})."""
    return {w.lower() for w in re.findall(r"[^\W\d_]+", person or "")}


def without_person(text: str, person: str | None) -> str:
    """`text` without the person's name and the separator that went with it: "Ian Beattie, Senior Policy Officer,
    Strategic Migration Partnership" -> "Senior Policy Officer, Strategic Migration Partnership"."""
    if not person:
        return text
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, person.split())) + r"(?!\w)\s*[,،;:–—-]?\s*", re.I)
    return pattern.sub("", text).strip(_SEPARATORS) or text.strip()


def personal_email(contact: Contact, email: str) -> bool:
    """An address of the contact's person rather than the organisation: its part before @ is made of their name."""
    words = name_words(contact.lead_person)
    local = email.split("@", 1)[0].lower()
    return bool(words) and any(part in words for part in re.split(r"[._+-]+", local) if len(part) > 1)


def public_emails(contact: Contact) -> tuple[str, ...]:
    """The contact's email addresses that belong to the organisation (the ones that may be shown)."""
    return tuple(e for e in contact.emails if not personal_email(contact, e))


def public_name(contact: Contact, name: str | None = None) -> str:
    """The contact's name (or `name`, its translation) without the person printed with it."""
    return without_person(contact.name if name is None else name, contact.lead_person)
