"""The issue card: for staff (toolkit actions, audience, indicators, Annex 2 contacts) or for migrants
(plain guidance and services to contact), with buttons for the next step."""

from __future__ import annotations

from bot.callbacks import SendToClient, encode, pack
from bot.kb.model import Issue
from bot.match.matcher import Match
from bot.replies import areas, practices
from bot.replies.contacts import contact_block
from bot.replies.context import MIGRANT, STAFF, RenderContext
from bot.replies.model import Button, Reply, esc, plain_text
from bot.text.shorten import first_sentence, short_label

LABEL = 40  # characters of a button naming another topic
FIRST_MESSAGE = 1000  # visible characters of a card's first message; the rest is behind More / Contacts


def issue_card(ctx: RenderContext, issue: Issue, alternatives: tuple[Match, ...] = ()) -> Reply:
    role = ctx.role or (MIGRANT if issue.guidance else STAFF)
    if role == MIGRANT and not issue.guidance and (alternative := _migrant_alternative(ctx, issue)) is not None:
        # a migrant never lands on a staff-only card: the nearest card written for them, said so
        note = ctx.t.gettext(
            "“{topic}” is a topic for staff. This is the nearest topic for you:", topic=ctx.issue_title(issue)
        )
        card = issue_card(ctx, alternative, alternatives)
        return Reply("<i>" + esc(note) + "</i>\n" + card.html, card.buttons)
    if role == MIGRANT and issue.guidance:
        head, middle, tail = _migrant_body(ctx, issue)
    else:
        head, middle, tail = _staff_body(ctx, issue)
    local = areas.card_section(ctx, issue, role)
    footer = [
        "<i>"
        + esc(ctx.t.gettext("This bot is built on the LAA Toolkit of 2008: some of this may have changed."))
        + "</i>"
    ]
    if issue.dated_note and role == STAFF:  # what has changed since 2008: always on the first message
        footer.insert(0, "⏳ <i>" + esc(ctx.issue_text(issue, "dated_note")) + "</i>")
    text, local_moved = _fit(head, middle, local, tail, [*footer, *ctx.notes()], ctx)
    return Reply(text, card_buttons(ctx, issue, alternatives, role, local_moved))


def _fit(
    head: list[str], middle: list[str], local: list[str], tail: list[str], footer: list[str], ctx: RenderContext
) -> tuple[str, bool]:
    """The card's first message within FIRST_MESSAGE visible characters: the contacts (`tail`) move behind the
    Contacts button, the last actions behind More, then the local section behind its own button, then the last
    lines of `head`."""
    lines = [*head, *middle, *local, *tail, *footer]
    if len(plain_text("\n".join(lines))) <= FIRST_MESSAGE:
        return "\n".join(lines), False
    moved = ["", "<i>" + esc(ctx.t.gettext("More under “More” and “Contacts” below.")) + "</i>"]

    def size() -> int:
        return len(plain_text("\n".join([*head, *middle, *local, *moved, *footer])))

    while middle and size() > FIRST_MESSAGE:  # the actions are all under More
        middle = middle[:-1]
    if middle and middle[-1].startswith("<b>"):  # no heading without anything under it
        middle = middle[:-1]
    moved_local = bool(local) and size() > FIRST_MESSAGE
    if moved_local:
        local = []  # behind its own button
    while len(head) > 2 and size() > FIRST_MESSAGE:  # the heading and the answer always stay
        head = head[:-1]
    return "\n".join([*head, *middle, *local, *moved, *footer]), moved_local


def _migrant_alternative(ctx: RenderContext, issue: Issue) -> Issue | None:
    alternative = ctx.kb.issue(issue.migrant_alternative) if issue.migrant_alternative else None
    return alternative if alternative is not None and alternative.guidance else None


def _heading(ctx: RenderContext, issue: Issue) -> str:
    theme = ctx.kb.theme(issue.theme)
    prefix = f"{esc(ctx.theme_title(theme))} › " if theme else ""
    return f"<b>{prefix}{esc(ctx.issue_title(issue))}</b>"


def _unchecked_note(ctx: RenderContext) -> str:
    return (
        "<i>"
        + esc(ctx.t.gettext("Added by our team and not yet checked: please confirm before relying on it."))
        + "</i>"
    )


def _staff_body(ctx: RenderContext, issue: Issue) -> tuple[list[str], list[str], list[str]]:
    """For staff: the quick answer (with where it comes from), what has changed since 2008, the toolkit's actions
    and audience; then the contacts. The indicators are under More."""
    t = ctx.t
    lines = [_heading(ctx, issue)]
    if issue.staff_answer:
        lines.append(esc(ctx.issue_text(issue, "staff_answer")))
        if issue.staff_answer_source:
            lines.append(_unchecked_note(ctx))
    else:
        lines.append(esc(first_sentence(ctx.issue_text(issue, "summary"))))
    audience = t.gettext("Audience")  # not inside the f-string: the catalog extractor would not see it
    middle = ["", f"<b>{esc(audience)}:</b> " + esc(", ".join(audience_names(ctx, issue))), ""]
    middle.append("<b>" + esc(t.gettext("Recommended actions")) + "</b>")
    middle.extend(
        f"{n + 1}. {esc(ctx.action(issue, n))}{_action_source(ctx, issue, n)}" for n in range(len(issue.actions))
    )
    tail: list[str] = []
    contacts = [c for c in (ctx.kb.contact(cid) for cid in issue.contacts) if c]
    if contacts:
        tail.append("")
        tail.append("<b>" + esc(t.gettext("Contacts (LAA Toolkit, Annex 2)")) + "</b>")
        tail.extend(contact_block(ctx, contacts))
    return lines, middle, tail


def _migrant_body(ctx: RenderContext, issue: Issue) -> tuple[list[str], list[str], list[str]]:
    lines = [_heading(ctx, issue), esc(ctx.issue_text(issue, "guidance"))]
    if issue.guidance_source:  # written by the project team, not from the seed documents
        lines.append(_unchecked_note(ctx))
    tail: list[str] = []
    services = [c for c in (ctx.kb.contact(sid) for sid in issue.services) if c]
    if services:
        tail.append("")
        tail.append("<b>" + esc(ctx.t.gettext("Where to get help")) + "</b>")
        tail.extend(contact_block(ctx, services))
    return lines, [], tail


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
    ctx: RenderContext, issue: Issue, alternatives: tuple[Match, ...], role: str, local_moved: bool = False
) -> tuple[tuple[Button, ...], ...]:
    t, lang = ctx.t, ctx.lang
    code = "s" if role == STAFF else "m"
    rows: list[tuple[Button, ...]] = []
    found = [ctx.kb.issue(m.issue) for m in alternatives]
    if others := [o for o in found if o and o.id != issue.id][:2]:
        rows.append(
            tuple(Button("↪ " + short_label(ctx.issue_title(o), LABEL), encode("i", o.id, lang, code)) for o in others)
        )
    extra = [
        practices.practices_button(ctx, issue) if role == STAFF else None,
        areas.area_button(ctx, issue, role, local_moved),
    ]
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
    if role == STAFF and (issue.guidance or _migrant_alternative(ctx, issue)):
        rows.append((Button("📲 " + t.gettext("Send to my client"), pack(SendToClient(issue.id))),))
    rows.append((Button("👍", encode("f", issue.id, "1")), Button("👎", encode("f", issue.id, "0"))))
    return tuple(rows)


def more_reply(ctx: RenderContext, issue: Issue) -> Reply:
    """The full detail: toolkit description and every related National Indicator with its definition."""
    t = ctx.t
    lines = [_heading(ctx, issue), esc(ctx.issue_text(issue, "summary")), ""]
    if ctx.role == STAFF and issue.actions:
        lines.append("<b>" + esc(t.gettext("Recommended actions")) + "</b>")
        lines.extend(f"{n + 1}. {esc(ctx.action(issue, n))}" for n in range(len(issue.actions)))
        lines.append("")
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
