"""'What others did': good practice from other councils and bodies for an issue (staff), best first, each with
who did it, what came of it, and the document and section it comes from."""

from __future__ import annotations

from bot.callbacks import ShowPractices, encode, pack
from bot.kb.model import Issue, Practice
from bot.replies.context import RenderContext
from bot.replies.model import Button, Reply, esc

MAX_PRACTICES = 5


def practices_button(ctx: RenderContext, issue: Issue) -> Button | None:
    """The card's button, when there is good practice for the issue."""
    if not ctx.kb.practices_for(issue.id):
        return None
    return Button("💡 " + ctx.t.gettext("What others did"), pack(ShowPractices(issue.id, ctx.lang, ctx.role)))


def practices_reply(ctx: RenderContext, issue: Issue) -> Reply:
    t = ctx.t
    found = ctx.kb.practices_for(issue.id)[:MAX_PRACTICES]
    heading = t.gettext("What others did")
    lines = [f"<b>💡 {esc(heading)}</b> — {esc(ctx.issue_title(issue))}", ""]
    if not found:
        lines.append(esc(t.gettext("No examples from other areas for this topic yet.")))
    for practice in found:
        lines.extend(practice_lines(ctx, practice))
        lines.append("")
    if any(not p.quoted for p in found):
        lines.append("<i>" + esc(t.gettext("“…” are the document's own words; the others are our summaries.")) + "</i>")
    lines.extend(ctx.notes())
    back = Button(t.gettext("Back"), encode("i", issue.id, ctx.lang, ctx.role_code))
    return Reply("\n".join(lines).rstrip(), ((back,),))


def practice_lines(ctx: RenderContext, practice: Practice) -> list[str]:
    t = ctx.t
    title = ctx.text(f"practice.{practice.id}.title", practice.title)
    text = ctx.text(f"practice.{practice.id}.text", practice.text)
    lines = [f"• <b>{esc(title)}</b>", f"  <i>{esc(practice.body)}</i>"]
    if practice.quoted:
        lines.append(f"  “{esc(text)}”")
    else:
        summary = t.gettext("our summary")
        lines.append(f"  {esc(text)} <i>({esc(summary)})</i>")
    if practice.result:
        result = ctx.text(f"practice.{practice.id}.result", practice.result)
        shown = f"“{result}”" if practice.quoted else result
        lines.append("  " + esc(t.gettext("Result: {result}", result=shown)))
    lines.append("  <i>" + esc(t.gettext("Source: {source}", source=ctx.source_label(practice.source))) + "</i>")
    return lines
