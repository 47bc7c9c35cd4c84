"""Local knowledge: the /area menu, and what the chosen area's documents say about an issue — on the card (a few
items) and in full behind a button.

Staff see facts, services and actions, each with its source and year; facts that could stigmatise a group only
with a warning. Migrants see services and the facts marked useful to them, never a sensitive one. Phones and
addresses are shown as printed, with the year and "may have changed".
"""

from __future__ import annotations

from bot.callbacks import ChooseArea, ShowLocal, encode, pack
from bot.kb.model import Area, AreaItem, Issue
from bot.replies.context import MIGRANT, STAFF, RenderContext
from bot.replies.model import Button, Reply, esc, link

CARD_ITEMS = 2  # on the card; the rest behind the button
CARD_TEXT_LIMIT = 220
KIND_ICONS = {"service": "🏢", "fact": "ℹ️", "action": "📌"}


def area_menu(ctx: RenderContext) -> Reply:
    t = ctx.t
    lines = [esc(t.gettext("Choose your area. Cards then add what local documents say about the topic:"))]
    current = ctx.kb.area(ctx.area)
    if current is not None:
        lines.append(esc(t.gettext("Now: {area}.", area=area_name(ctx, current))))
    rows = [
        (Button(("✓ " if a.id == ctx.area else "") + area_name(ctx, a), pack(ChooseArea(a.id))),) for a in ordered(ctx)
    ]
    rows.append((Button(t.gettext("No area"), pack(ChooseArea(None))),))
    return Reply("\n".join(lines), tuple(rows))


def area_set(ctx: RenderContext) -> Reply:
    t = ctx.t
    area = ctx.kb.area(ctx.area)
    text = (
        t.gettext("Area set: {area}. Cards now add what local documents say.", area=area_name(ctx, area))
        if area
        else t.gettext("No area chosen: cards show the general information only.")
    )
    return Reply(esc(text), ((Button(t.gettext("Topics"), encode("t")),),))


def ordered(ctx: RenderContext) -> list[Area]:
    """Regions first, then the places within them (East of England, East Midlands, Derby)."""
    return sorted(ctx.kb.areas, key=lambda a: (a.within is not None, a.within or "", a.id != "east-of-england"))


def area_name(ctx: RenderContext, area: Area) -> str:
    return ctx.text(f"area.{area.id}.name", area.name)


def visible_items(ctx: RenderContext, issue: Issue, role: str | None) -> list[tuple[Area, AreaItem]]:
    """What this reader may see for the issue, most useful first: migrants get services and the facts marked for
    them (never a sensitive one); staff get everything, sensitive facts last."""
    found = ctx.kb.area_items(ctx.area, issue.id)
    if role == MIGRANT:
        found = [(a, i) for a, i in found if i.for_migrants and not i.sensitive]
    order = {"service": 0, "fact": 1, "action": 2}
    return sorted(found, key=lambda x: (x[1].sensitive, order.get(x[1].kind, 3)))


def card_section(ctx: RenderContext, issue: Issue, role: str | None) -> list[str]:
    """The local lines on the card: the first items, shortened; [] when the area's documents say nothing."""
    area = ctx.kb.area(ctx.area)
    items = visible_items(ctx, issue, role)
    if area is None or not items:
        return []
    heading = ctx.t.gettext("Local information: {area}", area=area_name(ctx, area))
    lines = ["", f"<b>📍 {esc(heading)}</b>"]
    for item_area, item in items[:CARD_ITEMS]:
        lines.extend(item_lines(ctx, item_area, item, role, limit=CARD_TEXT_LIMIT, compact=True))
    lines.extend(printed_note(ctx, [i for _, i in items[:CARD_ITEMS]]))
    return lines


def area_button(ctx: RenderContext, issue: Issue, role: str | None, always: bool = False) -> Button | None:
    """'All local information (n)', when the card does not show everything (`always`: the card shows none)."""
    area = ctx.kb.area(ctx.area)
    items = visible_items(ctx, issue, role)
    if area is None or not items:
        return None
    shortened = any(len(item_text(ctx, a, i)) > CARD_TEXT_LIMIT for a, i in items[:CARD_ITEMS])
    if len(items) <= CARD_ITEMS and not shortened and not always:
        return None
    label = ctx.t.gettext("📍 {area}: all ({n})", area=area_name(ctx, area), n=len(items))
    return Button(label, pack(ShowLocal(issue.id, ctx.lang, MIGRANT if role == MIGRANT else STAFF)))


def area_reply(ctx: RenderContext, issue: Issue) -> Reply:
    """Everything the chosen area's documents say about the issue that this reader may see."""
    t = ctx.t
    role = ctx.role
    area = ctx.kb.area(ctx.area)
    back = ((Button(t.gettext("Back"), encode("i", issue.id, ctx.lang, ctx.role_code)),),)
    if area is None:
        return Reply(esc(t.gettext("Choose an area first: /area")), back)
    items = visible_items(ctx, issue, role)
    heading = t.gettext("Local information: {area}", area=area_name(ctx, area))
    lines = [f"<b>📍 {esc(heading)}</b>"]
    lines.append(esc(ctx.issue_title(issue)))
    lines.append("")
    if not items:
        lines.append(esc(t.gettext("The documents for this area say nothing about this topic.")))
    for item_area, item in items:
        lines.extend(item_lines(ctx, item_area, item, role))
    lines.extend(printed_note(ctx, [i for _, i in items]))
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), back)


def item_text(ctx: RenderContext, area: Area, item: AreaItem) -> str:
    return ctx.text(f"area.{area.id}.{item.id}.text", item.text)


def item_lines(
    ctx: RenderContext, area: Area, item: AreaItem, role: str | None, limit: int | None = None, compact: bool = False
) -> list[str]:
    """One item: its text (shortened on the card), for staff its source and year (and a warning on a sensitive
    fact), then phones, emails, web addresses and postal address as printed."""
    t = ctx.t
    text = item_text(ctx, area, item)
    if limit and len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    line = f"{KIND_ICONS.get(item.kind, '•')} {esc(text)}"
    if role != MIGRANT:
        if item.sensitive:
            line += " ⚠️ <i>" + esc(t.gettext("sensitive: for staff only, not to be shared as a general claim")) + "</i>"
        line += f" <i>({esc(cited(ctx, item, compact))})</i>"
    else:
        line += f" <i>({item.year})</i>"
    lines = [line]
    for n, phone in enumerate(item.phones, start=1):
        label = f" ({esc(ctx.text(f'area.{area.id}.{item.id}.phone.{n}', phone.label))})" if phone.label else ""
        lines.append(f"  ☎ {esc(ctx.ltr(phone.number))}{label}")
    lines.extend(f"  ✉ {esc(ctx.ltr(email))}" for email in item.emails)
    lines.extend(f"  🌐 {link(url, ctx.ltr(url))}" for url in item.urls)
    if item.address:
        lines.append(f"  📮 {esc(item.address)}")
    return lines


def cited(ctx: RenderContext, item: AreaItem, compact: bool) -> str:
    """Source and year: on the card the document's short name (with the year when it differs), in full the section
    too."""
    document = ctx.kb.source_document(item.source)
    if compact and document is not None:
        return document.short if document.year == item.year else f"{document.short}; {item.year}"
    return f"{ctx.source_label(item.source)}; {item.year}"


def printed_note(ctx: RenderContext, items: list[AreaItem]) -> list[str]:
    """Under phone numbers and addresses: the year they were printed, and that they may have changed."""
    years = sorted({i.year for i in items if i.phones or i.address or i.emails})
    if not years:
        return []
    shown = ", ".join(str(y) for y in years)
    return [
        "<i>" + esc(ctx.t.gettext("Contact details as printed in {year}; they may have changed.", year=shown)) + "</i>"
    ]
