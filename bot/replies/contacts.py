"""How a contact is shown: name, organisation, numbers, links, and where the details come from. Never the name of
a person printed with it in 2008, nor their own email address (bot/kb/people.py): the organisation's details are
shown instead, or the reader is told to contact the organisation."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from bot.kb.model import Contact
from bot.kb.people import public_emails, public_name
from bot.replies.context import RenderContext
from bot.replies.model import esc, link

FACTS = frozenset({"emergency-999", "nhs-111", "police-101"})  # emergency numbers: facts, never marked unchecked


def _unchecked(contact: Contact) -> bool:
    """Added by our team and not yet checked (the † mark)."""
    return not contact.verified and not contact.from_toolkit and contact.id not in FACTS


def contact_lines(ctx: RenderContext, contact: Contact) -> list[str]:
    mark = " †" if _unchecked(contact) else (" *" if not contact.verified and contact.from_toolkit else "")
    lines = [f"• <b>{esc(shown_name(ctx, contact))}</b>{mark}"]
    if contact.lead_agency:
        lines.append(f"  {esc(contact.lead_agency)}")
    for n, phone in enumerate(contact.phones):
        label = ctx.phone_label(contact, n)
        lines.append(f"  ☎ {esc(ctx.ltr(phone.number))}" + (f" ({esc(label)})" if label else ""))
    emails = public_emails(contact)
    lines.extend(f"  ✉ {esc(ctx.ltr(email))}" for email in emails)
    if contact.emails and not emails:  # only a person's own address was printed
        lines.append(
            "  ✉ <i>"
            + esc(ctx.t.gettext("The email printed was a staff member's own: contact the organisation instead."))
            + "</i>"
        )
    lines.extend(f"  🌐 {link(url, ctx.ltr(url))}" for url in contact.urls)
    if notes := ctx.contact_notes(contact):
        lines.append(f"  <i>{esc(notes)}</i>")
    if contact.historical:
        note = ctx.text(f"contact.{contact.id}.historical", contact.historical)
        lines.append("  ⚠ <i>" + esc(ctx.t.gettext("historical: {note}", note=note)) + "</i>")
    if contact.verified:
        lines.append("  " + esc(ctx.t.gettext("Checked on {date}.", date=_date(ctx, contact.verified))))
    return lines


def shown_name(ctx: RenderContext, contact: Contact) -> str:
    """The contact's name in the reader's language, without a person's name."""
    return public_name(contact, ctx.contact_name(contact))


def contact_notes(ctx: RenderContext, contacts: list[Contact]) -> list[str]:
    """One footnote per kind of unchecked contact in a list (shown once, under the list)."""
    notes = []
    if any(not c.verified and c.from_toolkit for c in contacts):
        notes.append("* " + ctx.t.gettext("From the LAA Toolkit (2008): these details may have changed."))
    if any(_unchecked(c) for c in contacts):
        notes.append(
            "† " + ctx.t.gettext("Added by our team and not yet checked: please confirm before relying on it.")
        )
    return [f"<i>{esc(n)}</i>" for n in notes]


def contact_block(ctx: RenderContext, contacts: list[Contact]) -> list[str]:
    """The contacts, current ones first, then those of bodies that have closed (marked historical)."""
    contacts = sorted(contacts, key=lambda c: c.historical is not None)
    lines = [line for contact in contacts for line in contact_lines(ctx, contact)]
    return lines + contact_notes(ctx, contacts)


def _date(ctx: RenderContext, iso: str) -> str:
    """e.g. "7 March 2025", "7 marca 2025" — the date in the reader's language."""
    try:
        return format_date(dt.date.fromisoformat(iso), format="long", locale=ctx.lang)
    except (ValueError, LookupError):
        return iso
