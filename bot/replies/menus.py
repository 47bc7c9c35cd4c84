"""Menus and short replies: start, language and role pickers, topics, contacts directory, help, privacy,
greetings, no match, crisis, and the polite answers for odd input."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel import Locale

from bot.callbacks import encode
from bot.kb.model import Contact
from bot.kb.people import public_name
from bot.languages import LANGUAGES
from bot.match.contacts import ContactWords, rank_contacts
from bot.match.matcher import Match
from bot.replies.contacts import contact_block, shown_name
from bot.replies.context import MIGRANT, STAFF, RenderContext
from bot.replies.model import Button, Reply, esc, link
from bot.text.shorten import short_label

CONTACTS_PAGE = 6


def native_name(lang: str) -> str:
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]


def language_buttons(action: str, *args: str) -> tuple[tuple[Button, ...], ...]:
    buttons = [Button(native_name(code), encode(action, *args, code)) for code in LANGUAGES]
    return tuple(tuple(buttons[i : i + 3]) for i in range(0, len(buttons), 3))


def start(ctx: RenderContext) -> Reply:
    t = ctx.t
    text = "\n".join(
        [
            "<b>" + esc(t.gettext("Hello! I give information and signposting about migration in the UK.")) + "</b>",
            esc(t.gettext("Ask me a question in your own words, in your language, or browse the topics.")),
            "",
            esc(t.gettext("Do you work with migrants, or do you need help for yourself?")),
        ]
    )
    return Reply(text, (*role_buttons(ctx), (Button(t.gettext("Choose language"), encode("lm")),)))


def role_buttons(ctx: RenderContext) -> tuple[tuple[Button, ...], ...]:
    t = ctx.t
    return (
        (Button(t.gettext("I work with migrants"), encode("R", "s")),),
        (Button(t.gettext("I need help for myself"), encode("R", "m")),),
    )


def language_menu(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("Choose your language:")), language_buttons("L"))


def role_menu(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("Do you work with migrants, or do you need help for yourself?")), role_buttons(ctx))


def language_set(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("Language set: {language}.", language=native_name(ctx.lang))), topics_button(ctx))


def role_set(ctx: RenderContext) -> Reply:
    t = ctx.t
    text = (
        t.gettext("Thank you. I will show you the toolkit's actions, indicators and contacts.")
        if ctx.role == "staff"
        else t.gettext("Thank you. I will show you plain guidance and where to get help.")
    )
    return Reply(esc(text) + "\n" + esc(t.gettext("Type your question, or browse the topics.")), topics_button(ctx))


def topics_button(ctx: RenderContext) -> tuple[tuple[Button, ...], ...]:
    return ((Button(ctx.t.gettext("Topics"), encode("t")),),)


def themes(ctx: RenderContext) -> Reply:
    rows = tuple((Button(ctx.theme_title(theme), encode("T", theme.id)),) for theme in ctx.kb.themes)
    return Reply(esc(ctx.t.gettext("Choose a topic:")), rows)


def theme_issues(ctx: RenderContext, theme_id: str) -> Reply:
    theme = ctx.kb.theme(theme_id)
    if theme is None:
        return themes(ctx)
    rows = tuple(
        (Button(short_label(ctx.issue_title(issue), 60), encode("i", issue.id, ctx.lang, ctx.role_code)),)
        for issue in ctx.kb.issues_in(theme_id)
    )
    back = (Button(ctx.t.gettext("Back"), encode("t")),)
    return Reply(f"<b>{esc(ctx.theme_title(theme))}</b>", (*rows, back))


def directory(ctx: RenderContext, query: str = "", page: int = 0, topics: Sequence[Match] = ()) -> Reply:
    """The contacts directory; with `query`, only the contacts relevant to it, most relevant first (`topics`: the
    matcher's issues for the query, see bot/match/contacts.py)."""
    t = ctx.t
    contacts = list(ctx.kb.contacts)
    if query.strip():
        contacts = search_contacts(ctx, query, topics)[:CONTACTS_PAGE]
        if not contacts:
            text = esc(t.gettext("I have no contacts for “{query}”. Here are the topics:", query=query))
            return Reply(text, themes(ctx).buttons)
    pages = max(1, -(-len(contacts) // CONTACTS_PAGE))
    page = min(max(page, 0), pages - 1)
    count = t.ngettext("{n} contact", "{n} contacts", len(contacts))
    lines = ["<b>" + esc(t.gettext("Contacts")) + f"</b> — {esc(count)} ({page + 1}/{pages})"]
    if query:
        lines.append(esc(t.gettext("For “{query}”, the most relevant first:", query=query)))
    else:
        lines.append(esc(t.gettext("Search by name: /contacts NARIC")))
    lines.extend(contact_block(ctx, contacts[page * CONTACTS_PAGE : (page + 1) * CONTACTS_PAGE]))
    lines.extend(ctx.notes())
    nav = []
    if page > 0:
        nav.append(Button("◀", encode("d", str(page - 1))))
    if page < pages - 1 and not query:
        nav.append(Button("▶", encode("d", str(page + 1))))
    return Reply("\n".join(lines), (tuple(nav),) if nav else ())


def search_contacts(ctx: RenderContext, query: str, topics: Sequence[Match] = ()) -> list[Contact]:
    """The contacts relevant to `query`, best first: by their names and descriptions as the reader sees them (and
    in English), and by the topics the matcher found for the query."""

    def words_of(c: Contact) -> ContactWords:
        name = " ".join(x for x in (shown_name(ctx, c), public_name(c), c.lead_agency, *c.urls) if x)
        return ContactWords(name, " ".join(x for x in (ctx.contact_notes(c), c.notes) if x))

    return rank_contacts(ctx.kb, query, topics, words_of, migrant=ctx.role == MIGRANT)


def help_reply(ctx: RenderContext) -> Reply:
    t = ctx.t
    lines = [
        "<b>" + esc(t.gettext("How to use this bot")) + "</b>",
        esc(t.gettext("Type a question in your own words, for example: “where can I learn English?”")),
        "/topics — " + esc(t.gettext("browse the topics")),
        "/contacts — " + esc(t.gettext("the contacts directory; add a name to search")),
        "/language — " + esc(t.gettext("change the language")),
        "/role — " + esc(t.gettext("staff or migrant view")),
        "/area — " + esc(t.gettext("choose your area for local information")),
        "/checklist — " + esc(t.gettext("the council checklist, for staff")),
        "/privacy — " + esc(t.gettext("what we store and why")),
        "/forget — " + esc(t.gettext("delete your saved language, role, area and feedback")),
        "",
        esc(t.gettext("In an emergency call 999.")),
    ]
    return Reply("\n".join(lines), topics_button(ctx))


def privacy(ctx: RenderContext, unanswered_days: int = 0) -> Reply:
    t = ctx.t
    stored = (
        t.ngettext(
            "Questions we could not answer are kept for {n} day so we can improve, with phone numbers, email "
            "addresses and postcodes removed. They are not linked to you, so /forget cannot find them.",
            "Questions we could not answer are kept for {n} days so we can improve, with phone numbers, email "
            "addresses and postcodes removed. They are not linked to you, so /forget cannot find them.",
            unanswered_days,
        )
        if unanswered_days
        else t.gettext("We do not store your messages.")
    )
    lines = [
        "<b>" + esc(t.gettext("Your privacy")) + "</b>",
        esc(stored),
        esc(
            t.gettext(
                "We store your chosen language and role, under a coded number instead of your Telegram id, "
                "so the bot remembers them."
            )
        ),
        esc(
            t.gettext(
                "If you choose an area, we store it with your language and role, so cards show local information."
            )
        ),
        esc(t.gettext("If you press 👍 or 👎 we store which topic it was for and your choice, to improve answers.")),
        esc(t.gettext("Anonymous counts (day, language, topic found) help us see what people need.")),
        esc(
            t.gettext(
                "Send /forget at any time to delete your saved language, role, area and feedback. "
                "Anonymous counts are not linked to you and stay."
            )
        ),
    ]
    return Reply("\n".join(lines))


def forgotten(ctx: RenderContext) -> Reply:
    return Reply(
        esc(
            ctx.t.gettext(
                "Done: your saved language, role, area and feedback have been deleted. "
                "Anonymous counts are not linked to you and stay."
            )
        )
    )


def forget_failed(ctx: RenderContext) -> Reply:
    return Reply(
        esc(
            ctx.t.gettext(
                "Sorry, I could not delete your data just now because our database is not reachable. I will delete "
                "it as soon as it is back; you can also send /forget again later."
            )
        )
    )


def greeting(ctx: RenderContext) -> Reply:
    t = ctx.t
    return Reply(
        esc(t.gettext("Hello! Ask me a question in your own words, or browse the topics.")),
        topics_button(ctx),
    )


def thanks(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("You are welcome. Ask me another question at any time.")), topics_button(ctx))


def not_helpful(ctx: RenderContext) -> Reply:
    """After 👎: other ways to find an answer."""
    t = ctx.t
    lines = [
        esc(t.gettext("Sorry this did not help.")),
        "• " + esc(t.gettext("Try asking again in other words.")),
        "• " + esc(t.gettext("Browse the topics.")),
    ]
    advice = ctx.kb.contact("citizens-advice")
    if advice:
        lines.append("• " + esc(t.gettext("Or ask a general advice service:")))
        lines.extend(contact_block(ctx, [advice]))
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), topics_button(ctx))


def text_only(ctx: RenderContext) -> Reply:
    return Reply(
        esc(ctx.t.gettext("I can only read text messages. Please type your question, or choose /topics.")),
        topics_button(ctx),
    )


def no_match(ctx: RenderContext) -> Reply:
    t = ctx.t
    lines = [
        esc(t.gettext("Sorry, I do not have information about that. I only know about the topics in my list.")),
        esc(t.gettext("You can browse the topics, or ask a general advice service:")),
    ]
    advice = ctx.kb.contact("citizens-advice")
    if advice:
        lines.extend(contact_block(ctx, [advice]))
    return Reply("\n".join(lines), topics_button(ctx))


def empty_message(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("Please type your question in words.")), topics_button(ctx))


def stale_button(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("This button has expired. Please ask your question again.")), topics_button(ctx))


EMERGENCY = "emergency-999"


def crisis(ctx: RenderContext, kinds: tuple[str, ...], issue_id: str | None = None) -> Reply:
    """The crisis reply: call 999, the intro of the most likely kind (for staff: what to do now, per kind), and the
    helplines of every kind, 999 first; buttons to the matching topic, to someone to talk to, and to the topics."""
    t = ctx.t
    kinds = kinds or ("violence",)
    if ctx.role == STAFF:
        lines = ["🚨 <b>" + esc(t.gettext("If anyone is in immediate danger, call {number}.", number=ctx.ltr("999")))]
        lines[0] += "</b>"
        todo = _staff_steps(ctx)
        lines.extend("• " + esc(todo.get(kind, todo["violence"])) for kind in kinds)
    else:
        lines = [
            "🚨 <b>"
            + esc(t.gettext("If you or someone else is in danger now, call {number}.", number=ctx.ltr("999")))
            + "</b>"
        ]
        intro = _intros(ctx)
        lines.append(esc(intro.get(kinds[0], intro["violence"])))
    lines.extend(_line(ctx, contact) for contact in crisis_contacts(ctx, kinds))
    rows: list[tuple[Button, ...]] = []
    if issue_id is not None and (issue := ctx.kb.issue(issue_id)) is not None:
        rows.append((Button(short_label(ctx.issue_title(issue), 60), encode("i", issue.id, ctx.lang, ctx.role_code)),))
    if support_contacts(ctx, kinds):
        rows.append((Button(t.gettext("Talk to someone"), encode("sp", ".".join(kinds))),))
    rows.extend(topics_button(ctx))
    return Reply("\n".join(lines), tuple(rows))


def _intros(ctx: RenderContext) -> dict[str, str]:
    t = ctx.t
    return {
        "suicide": t.gettext("You are not alone. You can talk to someone now, free, day or night:"),
        "violence": t.gettext("If it is safe, get away from the person. You can get help here:"),
        "trafficking": t.gettext("Being forced to work or kept somewhere is a crime. You can get help here:"),
        "child": t.gettext("If a child is in danger, call 999. For help and advice:"),
        "medical": t.gettext("For a medical emergency call 999. If it is not an emergency, call 111:"),
    }


def _staff_steps(ctx: RenderContext) -> dict[str, str]:
    """What a worker should do now, per kind of crisis."""
    t = ctx.t
    return {
        "trafficking": t.gettext(
            "Possible trafficking: refer to the National Referral Mechanism, or call the Modern Slavery Helpline "
            "for advice."
        ),
        "child": t.gettext(
            "A child at risk: make a safeguarding referral to children's services today (the police if the risk "
            "is immediate)."
        ),
        "suicide": t.gettext("Risk of suicide: stay with the person, call 999 or take them to A&E."),
        "violence": t.gettext(
            "Violence or abuse: the police on 999, then the domestic abuse helpline or a MARAC referral."
        ),
        "medical": t.gettext("A medical emergency: call 999, or NHS 111 when it is not life-threatening."),
    }


def crisis_contacts(ctx: RenderContext, kinds: tuple[str, ...]) -> list[Contact]:
    """The helplines of every kind, de-duplicated, 999 first."""
    ids = dict.fromkeys([EMERGENCY, *(cid for kind in kinds for cid in ctx.kb.crisis_lines.get(kind, ()))])
    return [c for c in (ctx.kb.contact(cid) for cid in ids) if c]


def support_contacts(ctx: RenderContext, kinds: tuple[str, ...]) -> list[Contact]:
    """The non-emergency lines of the kinds: someone to talk to."""
    return [c for c in crisis_contacts(ctx, kinds) if c.id != EMERGENCY]


def support_lines(ctx: RenderContext, kinds: tuple[str, ...]) -> Reply:
    """'Talk to someone': the support lines of a crisis, with their details."""
    lines = ["<b>" + esc(ctx.t.gettext("You can talk to someone:")) + "</b>"]
    lines.extend(contact_block(ctx, support_contacts(ctx, kinds) or crisis_contacts(ctx, ("violence",))))
    lines.extend(ctx.notes())
    return Reply("\n".join(lines), topics_button(ctx))


def _line(ctx: RenderContext, contact: Contact) -> str:
    phones = ", ".join(ctx.ltr(p.number) for p in contact.phones)
    return f"• <b>{esc(shown_name(ctx, contact))}</b>" + (f": {esc(phones)}" if phones else "")


def possible_danger(ctx: RenderContext) -> Reply:
    """One line before the answer when a message may tell of danger."""
    return Reply(
        "⚠️ " + esc(ctx.t.gettext("If you or someone else is in danger now, call {number}.", number=ctx.ltr("999")))
    )


def slow_down(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("You are sending messages very fast. Please wait a minute and try again.")))


def error(ctx: RenderContext) -> Reply:
    return Reply(esc(ctx.t.gettext("Sorry, something went wrong on our side. Please try again in a moment.")))


def choose_language_for(ctx: RenderContext, issue_id: str) -> Reply:
    return Reply(esc(ctx.t.gettext("Show this in which language?")), language_buttons("i", issue_id))


def unanswered_report(
    ctx: RenderContext, rows: list[tuple[dt.date, str, str]], counts: list[tuple[dt.date, int]], keep_days: int
) -> Reply:
    """For admins: how many questions found no answer, per day, and the latest ones when the log is on."""
    t = ctx.t
    lines = ["<b>" + esc(t.gettext("Questions without an answer")) + "</b>"]
    if counts:
        lines.extend(f"{esc(day.isoformat())}: {count}" for day, count in counts)
    else:
        lines.append(esc(t.gettext("None in the last 7 days.")))
    lines.append("")
    if not keep_days:
        lines.append(esc(t.gettext("The log of question texts is off (set UNANSWERED_LOG_DAYS to switch it on).")))
    for day, lang, text in rows:
        lines.append(f"• {esc(day.isoformat())} [{esc(lang)}] {esc(text)}")
    return Reply("\n".join(lines))


def client_language(ctx: RenderContext, issue_id: str) -> Reply:
    """Before a link for a client: the language they read."""
    return Reply(
        esc(ctx.t.gettext("Which language does your client read? The link will open this topic in it.")),
        language_buttons("sc", issue_id),
    )


def links_need_username(ctx: RenderContext) -> Reply:
    """ "Send to my client" where the bot does not know its Telegram username (the terminal chat, `ask`)."""
    return Reply(
        esc(
            ctx.t.gettext(
                "Links for clients need the bot's Telegram username. Set BOT_USERNAME to it (for example "
                "BOT_USERNAME=MigrationHelpBot) and start again."
            )
        )
    )


def client_link(ctx: RenderContext, topic: str, lang: str, url: str) -> Reply:
    """The link for a client (in the worker's language), shown under its QR code."""
    t = ctx.t
    lines = [
        esc(t.gettext("For your client: “{topic}” in {language}.", topic=topic, language=native_name(lang))),
        esc(t.gettext("They can scan this code with their phone's camera, or you can send them the link:")),
        link(url),
        "<i>" + esc(t.gettext("The link holds only the topic and the language, nothing about your client.")) + "</i>",
    ]
    return Reply("\n".join(lines))
