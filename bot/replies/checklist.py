"""/checklist: the council checklist for staff, grouped as in its source; each group lists its items and offers
the issues they concern as buttons."""

from __future__ import annotations

from bot.callbacks import Checklist, encode, pack
from bot.kb.model import ChecklistGroup
from bot.replies.context import RenderContext
from bot.replies.model import Button, Reply, esc
from bot.text.shorten import short_label

MAX_ISSUE_BUTTONS = 6


def checklist_reply(ctx: RenderContext) -> Reply:
    """The groups, each a button."""
    t, checklist = ctx.t, ctx.kb.checklist
    if checklist is None or not checklist.groups:
        return Reply(esc(t.gettext("The council checklist is not available.")))
    lines = [
        "<b>☑️ " + esc(t.gettext("Council checklist")) + "</b>",
        esc(
            t.gettext(
                "What a council can have in place, from the practice explored by the IDeA Migration Excellence "
                "Programme. Choose a group:"
            )
        ),
        "",
    ]
    rows = []
    for group in checklist.groups:
        title = group_title(ctx, group)
        count = t.ngettext("{n} item", "{n} items", len(group.items))
        lines.append(f"• {esc(title)} ({esc(count)})")
        rows.append((Button(short_label(title, 60), pack(Checklist(group.id))),))
    lines.append("")
    lines.append("<i>" + esc(t.gettext("Source: {source}", source=ctx.source_label(checklist.source))) + "</i>")
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), tuple(rows))


def checklist_group_reply(ctx: RenderContext, group_id: str) -> Reply:
    """One group: its items to tick, the topics each concerns, and those topics as buttons."""
    t, checklist = ctx.t, ctx.kb.checklist
    group = checklist.group(group_id) if checklist else None
    if group is None:
        return checklist_reply(ctx)
    lines = [f"<b>☑️ {esc(group_title(ctx, group))}</b>", ""]
    issue_ids: list[str] = []
    for number, item in enumerate(group.items, start=1):
        text = ctx.text(f"checklist.{item.id}.text", item.text)
        lines.append(f"{number}. ☐ {esc(text[:1].upper() + text[1:])}")
        titles = [ctx.issue_title(issue) for issue in (ctx.kb.issue(i) for i in item.issues) if issue]
        if titles:
            lines.append("   → " + esc("; ".join(titles)))
        issue_ids.extend(i for i in item.issues if i not in issue_ids and ctx.kb.issue(i))
    lines.extend(ctx.notes())
    rows = [
        (Button(short_label(ctx.issue_title(issue), 60), encode("i", issue.id, ctx.lang, "s")),)
        for issue in (ctx.kb.issue(i) for i in issue_ids[:MAX_ISSUE_BUTTONS])
        if issue
    ]
    rows.append((Button(t.gettext("Back"), pack(Checklist())),))
    return Reply("\n".join(lines), tuple(rows))


def group_title(ctx: RenderContext, group: ChecklistGroup) -> str:
    title = ctx.text(f"checklist.group.{group.id}.title", group.title)
    return title[:1].upper() + title[1:]
