"""The issue card: for staff (toolkit actions, audience, indicators, Annex 2 contacts) or for migrants
(plain guidance and services to contact), with buttons for the next step."""

from __future__ import annotations

from bot.callbacks import encode
from bot.kb.model import Issue
from bot.match.matcher import Match
from bot.replies import areas, practices
from bot.replies.contacts import contact_block
from bot.replies.context import MIGRANT, STAFF, RenderContext
from bot.replies.model import Button, Reply, esc

MAX_INLINE_INDICATORS = 8


def issue_card(ctx: RenderContext, issue: Issue, alternatives: tuple[Match, ...] = ()) -> Reply:
    role = ctx.role or (MIGRANT if issue.guidance else STAFF)
    body = _migrant_body(ctx, issue) if role == MIGRANT and issue.guidance else _staff_body(ctx, issue)
    body += areas.card_section(ctx, issue, role)
    return Reply("\n".join([*body, *ctx.notes()]), card_buttons(ctx, issue, alternatives, role))


def _heading(ctx: RenderContext, issue: Issue) -> str:
    theme = ctx.kb.theme(issue.theme)
    prefix = f"{esc(ctx.theme_title(theme))} › " if theme else ""
    return f"<b>{prefix}{esc(ctx.issue_title(issue))}</b>"


def _staff_body(ctx: RenderContext, issue: Issue) -> list[str]:
    t = ctx.t
    lines = [_heading(ctx, issue), esc(first_sentence(ctx.issue_text(issue, "summary"))), ""]
    lines.append("<b>" + esc(t.gettext("Recommended actions")) + "</b>")
    lines.extend(
        f"{n + 1}. {esc(ctx.action(issue, n))}{_action_source(ctx, issue, n)}" for n in range(len(issue.actions))
    )
    lines.append("")
    audience = t.gettext("Audience")  # not inside the f-string: the catalog extractor would not see it
    lines.append(f"<b>{esc(audience)}:</b> " + esc(", ".join(audience_names(ctx, issue))))
    if issue.indicators:
        numbers = ", ".join(f"NI {n}" for n in issue.indicators)
        lines.append(f"<b>{esc(t.gettext('National Indicators'))}:</b> {esc(numbers)}")
        if len(issue.indicators) <= MAX_INLINE_INDICATORS:
            lines.extend(
                f"  NI {number}: {esc(_short(ctx.indicator_title(number), 70))}" for number in issue.indicators
            )
    contacts = [c for c in (ctx.kb.contact(cid) for cid in issue.contacts) if c]
    if contacts:
        lines.append("")
        lines.append("<b>" + esc(t.gettext("Contacts (LAA Toolkit, Annex 2)")) + "</b>")
        lines.extend(contact_block(ctx, contacts))
    return lines


def _migrant_body(ctx: RenderContext, issue: Issue) -> list[str]:
    lines = [_heading(ctx, issue), esc(ctx.issue_text(issue, "guidance"))]
    if issue.guidance_source:  # written by the project team, not from the seed documents
        lines.append(
            "<i>"
            + esc(ctx.t.gettext("Added by our team and not yet checked: please confirm before relying on it."))
            + "</i>"
        )
    services = [c for c in (ctx.kb.contact(sid) for sid in issue.services) if c]
    if services:
        lines.append("")
        lines.append("<b>" + esc(ctx.t.gettext("Where to get help")) + "</b>")
        lines.extend(contact_block(ctx, services))
    return lines


def _action_source(ctx: RenderContext, issue: Issue, n: int) -> str:
    """For issues added from the other seed documents: which document an action comes from."""
    source = issue.action_source(n)
    document = ctx.kb.source_document(source) if source else None
    return f" <i>({esc(document.short)})</i>" if document else ""


def audience_names(ctx: RenderContext, issue: Issue) -> list[str]:
    t = ctx.t
    names = {
        "MW": t.gettext("migrant workers"),
        "AS": t.gettext("asylum seekers"),
        "UASC": t.gettext("unaccompanied asylum seeking children"),
        "R": t.gettext("refugees"),
        "LS": t.gettext("local stakeholders"),
    }
    return [f"{code} ({names[code]})" for code in issue.audience]


def card_buttons(
    ctx: RenderContext, issue: Issue, alternatives: tuple[Match, ...], role: str
) -> tuple[tuple[Button, ...], ...]:
    t, lang = ctx.t, ctx.lang
    code = "s" if role == STAFF else "m"
    rows: list[tuple[Button, ...]] = []
    found = [ctx.kb.issue(m.issue) for m in alternatives]
    if others := [o for o in found if o and o.id != issue.id][:2]:
        rows.append(tuple(Button("↪ " + _short(ctx.issue_title(o)), encode("i", o.id, lang, code)) for o in others))
    extra = [practices.practices_button(ctx, issue) if role == STAFF else None, areas.area_button(ctx, issue, role)]
    if extra := [b for b in extra if b]:
        rows.append(tuple(extra))
    rows.append(
        (
            Button(t.gettext("Contacts"), encode("c", issue.id, lang, code)),
            Button(t.gettext("More"), encode("m", issue.id, lang, code)),
        )
    )
    other_view = (
        Button(t.gettext("Staff view"), encode("i", issue.id, lang, "s"))
        if role == MIGRANT
        else Button(t.gettext("Migrant view"), encode("i", issue.id, lang, "m"))
    )
    row = [Button(t.gettext("Show in another language"), encode("sl", issue.id))]
    if issue.guidance:
        row.append(other_view)
    rows.append(tuple(row))
    rows.append((Button("👍", encode("f", issue.id, "1")), Button("👎", encode("f", issue.id, "0"))))
    return tuple(rows)


def more_reply(ctx: RenderContext, issue: Issue) -> Reply:
    """The full detail: toolkit description and every related National Indicator with its definition."""
    t = ctx.t
    lines = [_heading(ctx, issue), esc(ctx.issue_text(issue, "summary")), ""]
    lines.append("<b>" + esc(t.gettext("National Indicators")) + "</b>")
    lines.extend(f"NI {number}: {esc(ctx.indicator_title(number))}" for number in issue.indicators)
    lines.append("")
    lines.append("<i>" + esc(t.gettext("Source: {source}", source=issue.source)) + "</i>")
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), ((Button(t.gettext("Back"), encode("i", issue.id, ctx.lang, ctx.role_code)),),))


def contacts_reply(ctx: RenderContext, issue: Issue) -> Reply:
    t = ctx.t
    lines = [_heading(ctx, issue), ""]
    ids = list(dict.fromkeys((*issue.contacts, *issue.services, *issue.staff_services)))
    contacts = [c for c in (ctx.kb.contact(cid) for cid in ids) if c]
    if not contacts:
        lines.append(esc(t.gettext("The toolkit lists no contact for this issue. A general advice service:")))
        contacts = [c for c in (ctx.kb.contact("citizens-advice"),) if c]
    lines.extend(contact_block(ctx, contacts))
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), ((Button(t.gettext("Back"), encode("i", issue.id, ctx.lang, ctx.role_code)),),))


def first_sentence(text: str, min_length: int = 40) -> str:
    """The issue in a sentence for the card ("More" shows the whole description)."""
    for mark in (". ", "。", "؟ ", "? "):
        end = text.find(mark, min_length)
        if end != -1:
            return text[: end + 1]
    return text


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
