"""The issue card: for staff (toolkit actions, audience, indicators, Annex 2 contacts) or for migrants
(plain guidance and services to contact), with buttons for the next step."""

from __future__ import annotations

from dataclasses import dataclass

from bot.callbacks import SendToClient, encode, pack
from bot.kb.model import Issue
from bot.match.matcher import Match
from bot.replies import areas, practices
from bot.replies.contacts import contact_block
from bot.replies.context import MIGRANT, STAFF, RenderContext
from bot.replies.model import Button, Reply, esc, plain_text
from bot.text.shorten import first_sentence, sentences, short_label

LABEL = 40  # characters of a button naming another topic
FIRST_MESSAGE = 1000  # visible characters of a card's first message; the rest is behind More / Contacts
MIN_ANSWER = 2  # lines of the staff answer (sentences of a migrant's guidance) kept before its source note goes


@dataclass(frozen=True)
class Layout:
    """A card's first message, and what did not fit in it."""

    text: str
    local_moved: bool  # the local section is behind its own button
    overflow: tuple[str, ...]  # lines shown first under More: the rest of the answer, what has changed since 2008


def issue_card(
    ctx: RenderContext, issue: Issue, alternatives: tuple[Match, ...] = (), note: str | None = None
) -> Reply:
    """`note`: a line said above the card (e.g. "About <topic>:" for a follow-up); it counts in the first message."""
    role = card_role(ctx, issue)
    notes = (note,) if note else ()
    if role == MIGRANT and not issue.guidance and (alternative := _migrant_alternative(ctx, issue)) is not None:
        # a migrant never lands on a staff-only card: the nearest card written for them, said so
        instead = _staff_topic_note(ctx, issue)
        return issue_card(ctx, alternative, alternatives, "\n".join([*notes, instead]))
    layout = _layout(ctx, issue, role, notes)
    return Reply(layout.text, card_buttons(ctx, issue, alternatives, role, layout.local_moved))


def card_role(ctx: RenderContext, issue: Issue) -> str:
    return ctx.role or (MIGRANT if issue.guidance else STAFF)


def _staff_topic_note(ctx: RenderContext, issue: Issue) -> str:
    return ctx.t.gettext(
        "“{topic}” is a topic for staff. This is the nearest topic for you:", topic=ctx.issue_title(issue)
    )


def _layout(ctx: RenderContext, issue: Issue, role: str, notes: tuple[str, ...] = ()) -> Layout:
    """The card's first message within FIRST_MESSAGE visible characters. What gives way, in this order: the
    contacts (behind Contacts), the last actions and the audience (behind More), the local section (behind its own
    button), what has changed since 2008 (first under More; a short line says so), then the last lines of the
    answer (first under More) and its "not yet checked" line. The heading, the first lines of the answer and the
    line that says the toolkit is from 2008 always stay."""
    lead = [f"<i>{esc(line)}</i>" for note in notes for line in note.split("\n")]
    if role == MIGRANT and issue.guidance:
        answer, joiner, unchecked, middle, tail = _migrant_body(ctx, issue)
    else:
        answer, joiner, unchecked, middle, tail = _staff_body(ctx, issue)
    local = areas.card_section(ctx, issue, role)
    dated = ["⏳ <i>" + esc(ctx.issue_text(issue, "dated_note")) + "</i>"] if issue.dated_note and role == STAFF else []
    heading = [_heading(ctx, issue)]
    year = "<i>" + esc(ctx.t.gettext("This bot is built on the LAA Toolkit of 2008: some of this may have changed."))
    footer = [year + "</i>", *ctx.notes()]  # after every text lookup: the notes say what was shown in English
    kept = len(answer)
    moved: list[str] = []

    def lines() -> list[str]:
        shown = [joiner.join(esc(part) for part in answer[:kept]), *unchecked]
        return [*lead, *heading, *shown, *middle, *local, *tail, *moved, *dated, *footer]

    def size() -> int:
        return len(plain_text("\n".join(lines())))

    if size() <= FIRST_MESSAGE:
        return Layout("\n".join(lines()), False, ())
    tail = []  # the contacts are behind the Contacts button
    moved = ["", "<i>" + esc(ctx.t.gettext("More under “More” and “Contacts” below.")) + "</i>"]
    while middle and size() > FIRST_MESSAGE:  # the actions are all under More
        middle = middle[:-1]
    while middle and (middle[-1].startswith("<b>") or not middle[-1]):  # no heading without anything under it
        middle = middle[:-1]
    local_moved = bool(local) and size() > FIRST_MESSAGE
    if local_moved:
        local = []  # behind its own button
    checked = unchecked  # the "not yet checked" line goes with the answer wherever it is shown
    overflow: list[str] = []
    if dated and size() > FIRST_MESSAGE:  # a short line says where it went: the card stays honest about time
        overflow = dated
        dated = ["⏳ <i>" + esc(ctx.t.gettext("What has changed since 2008: first under “More”.")) + "</i>"]
    while kept > min(MIN_ANSWER, len(answer)) and size() > FIRST_MESSAGE:
        kept -= 1
    if unchecked and size() > FIRST_MESSAGE:
        unchecked = []
    while kept > 1 and size() > FIRST_MESSAGE:
        kept -= 1
    if kept < len(answer):
        overflow = [joiner.join(esc(part) for part in answer[kept:]), *checked, *overflow]
    elif checked and not unchecked:
        overflow = [*checked, *overflow]
    return Layout("\n".join(lines()), local_moved, tuple(overflow))


def overflow(ctx: RenderContext, issue: Issue) -> tuple[str, ...]:
    """What did not fit in the first message of the issue's card, however it was shown: on its own, after
    "About <topic>:" or "Following on from “<topic>”:" (follow-ups), or as the nearest topic for a migrant who chose
    a staff-only one — the most that any of these left out."""
    role = card_role(ctx, issue)
    longest = max((ctx.issue_title(i) for i in ctx.kb.issues), key=len)
    notes = [ctx.t.gettext("About {topic}:", topic=ctx.issue_title(issue))]
    notes.append(ctx.t.gettext("Following on from “{topic}”:", topic=longest))
    leads: list[tuple[str, ...]] = [(), *((note,) for note in notes)]
    if role == MIGRANT:
        for other in ctx.kb.issues:
            if not other.guidance and other.migrant_alternative == issue.id:
                before = ctx.t.gettext("About {topic}:", topic=ctx.issue_title(other))
                instead = _staff_topic_note(ctx, other)
                leads += [(instead,), (before, instead), (notes[1], instead)]
    return max((_layout(ctx, issue, role, lead).overflow for lead in leads), key=lambda lines: len("".join(lines)))


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


def _staff_body(ctx: RenderContext, issue: Issue) -> tuple[list[str], str, list[str], list[str], list[str]]:
    """For staff: the quick answer (its lines, how they join, where it comes from), the toolkit's audience and
    actions, then the contacts. The indicators are under More."""
    t = ctx.t
    if issue.staff_answer:
        answer = [line for line in ctx.issue_text(issue, "staff_answer").splitlines() if line.strip()]
    else:
        answer = [first_sentence(ctx.issue_text(issue, "summary"))]
    unchecked = [_unchecked_note(ctx)] if issue.staff_answer and issue.staff_answer_source else []
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
    return answer, "\n", unchecked, middle, tail


def _migrant_body(ctx: RenderContext, issue: Issue) -> tuple[list[str], str, list[str], list[str], list[str]]:
    """For migrants: the guidance (its sentences, joined by spaces, and where it comes from), then the services."""
    answer = sentences(ctx.issue_text(issue, "guidance"))
    unchecked = [_unchecked_note(ctx)] if issue.guidance_source else []  # written by the team, not the seeds
    tail: list[str] = []
    services = [c for c in (ctx.kb.contact(sid) for sid in issue.services) if c]
    if services:
        tail.append("")
        tail.append("<b>" + esc(ctx.t.gettext("Where to get help")) + "</b>")
        tail.extend(contact_block(ctx, services))
    return answer, " ", unchecked, [], tail


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
    """The full detail: what did not fit on the card first (the rest of the answer, what has changed since 2008),
    then the toolkit description, its actions and every related National Indicator with its definition."""
    t = ctx.t
    lines = [_heading(ctx, issue)]
    if rest := overflow(ctx, issue):
        lines.extend([*rest, ""])
    lines.extend([esc(ctx.issue_text(issue, "summary")), ""])
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
