"""Decide what to answer: a command, a button, or a message (crisis? greeting? question?) -> list of Reply.

Plain Python: the Telegram adapter, the terminal console and the `ask` command all call this and render the
replies their own way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.callbacks import decode
from bot.i18n import Catalogs
from bot.kb.model import KnowledgeBase
from bot.languages import RTL_LANGUAGES, SOURCE_LANGUAGE, is_supported, normalise_code
from bot.match import Matcher, MatchResult
from bot.replies import Reply, areas, cards, checklist, menus, practices
from bot.replies.context import ROLES, RenderContext, role_from_code
from bot.replies.model import right_to_left

CLOSE_MATCH_RATIO = 0.8  # other topics are offered when their score is within 80% of the best
CRISIS_SIGNPOST_SCORE = 0.6  # after a crisis reply, a topic card only when the match is clear


@dataclass(frozen=True)
class Profile:
    """What we know about the person: their chosen language and role, and their Telegram client's language."""

    lang: str | None = None
    role: str | None = None
    client_lang: str | None = None
    area: str | None = None  # the local area chosen with /area

    @property
    def ui_lang(self) -> str:
        return self.lang or normalise_code(self.client_lang) or SOURCE_LANGUAGE


@dataclass(frozen=True)
class ShareableCard:
    """A card offered in inline mode."""

    issue_id: str
    title: str
    description: str
    reply: Reply


@dataclass(frozen=True)
class Outcome:
    """The replies, plus what the adapter should remember or record."""

    replies: list[Reply]
    profile: Profile
    result: MatchResult | None = None
    feedback: tuple[str, bool] | None = None  # (issue id, helpful?)
    forget: bool = False
    lang: str | None = None  # the language the replies are in

    def __post_init__(self) -> None:
        if self.lang in RTL_LANGUAGES:
            object.__setattr__(self, "replies", [right_to_left(r) for r in self.replies])


class Conversation:
    def __init__(self, kb: KnowledgeBase, matcher: Matcher, catalogs: Catalogs) -> None:
        self.kb = kb
        self.matcher = matcher
        self.catalogs = catalogs

    def context(self, lang: str, role: str | None, area: str | None = None) -> RenderContext:
        return RenderContext(self.kb, self.catalogs.translator(lang), lang, role, self.catalogs, area=area)

    # -- messages ---------------------------------------------------------------------------------------

    def on_text(self, profile: Profile, text: str) -> Outcome:
        result = self.matcher.match(text, lang=profile.lang, client_lang=normalise_code(profile.client_lang))
        ctx = self.context(result.lang, profile.role, profile.area)
        replies: list[Reply] = []
        if result.crisis is not None:
            replies.append(menus.crisis(ctx, result.crisis.kind))
        if result.empty:
            replies.append(menus.empty_message(ctx))
        elif result.smalltalk == "greeting":
            replies.append(menus.greeting(ctx))
        elif result.smalltalk == "thanks":
            replies.append(menus.thanks(ctx))
        elif result.matches and (result.crisis is None or result.matches[0].score >= CRISIS_SIGNPOST_SCORE):
            best = result.matches[0]
            issue = self.kb.issue(best.issue)
            close = tuple(m for m in result.matches[1:] if m.score >= best.score * CLOSE_MATCH_RATIO)
            if issue is not None:
                replies.append(cards.issue_card(ctx, issue, close))
        elif result.crisis is None:
            replies.append(menus.no_match(ctx))
        return Outcome(replies, profile, result, lang=ctx.lang)

    def shareable_cards(self, profile: Profile, text: str) -> list[ShareableCard]:
        """Cards for inline mode: the best matches for `text`, in the person's language and role."""
        result = self.matcher.match(text, lang=profile.lang, client_lang=normalise_code(profile.client_lang))
        ctx = self.context(result.lang, profile.role)
        cards_out = []
        for match in result.matches:
            issue = self.kb.issue(match.issue)
            if issue is None:
                continue
            card = cards.issue_card(ctx, issue)
            summary = ctx.issue_text(issue, "guidance" if issue.guidance and profile.role != "staff" else "summary")
            cards_out.append(ShareableCard(issue.id, ctx.issue_title(issue), summary, Reply(card.html)))
        return cards_out

    # -- commands ---------------------------------------------------------------------------------------

    def on_command(self, profile: Profile, command: str, argument: str = "", unanswered_days: int = 0) -> Outcome:
        """`unanswered_days`: how long unanswered questions are kept (0 = not at all), told in /privacy."""
        ctx = self.context(profile.ui_lang, profile.role, profile.area)
        simple = {
            "start": menus.start,
            "help": menus.help_reply,
            "topics": menus.themes,
            "language": menus.language_menu,
            "role": menus.role_menu,
            "area": areas.area_menu,
            "checklist": checklist.checklist_reply,
        }
        if command in simple:
            return Outcome([simple[command](ctx)], profile, lang=ctx.lang)
        if command == "privacy":
            return Outcome([menus.privacy(ctx, unanswered_days)], profile, lang=ctx.lang)
        if command == "contacts":
            return Outcome([menus.directory(ctx, argument)], profile, lang=ctx.lang)
        if command == "forget":
            cleared = Profile(client_lang=profile.client_lang)
            return Outcome(
                [menus.forgotten(self.context(cleared.ui_lang, None))], cleared, forget=True, lang=cleared.ui_lang
            )
        return Outcome([menus.help_reply(ctx)], profile, lang=ctx.lang)

    # -- buttons ----------------------------------------------------------------------------------------

    def on_button(self, profile: Profile, data: str) -> Outcome:
        callback = decode(data)
        ctx = self.context(profile.ui_lang, profile.role, profile.area)
        if callback is None:
            return Outcome([menus.stale_button(ctx)], profile, lang=ctx.lang)
        action, args = callback.action, callback.args
        if local := self._local_button(profile, action, args):
            return local
        if action == "L" and args and is_supported(args[0]):
            profile = replace(profile, lang=args[0])
            return Outcome([menus.language_set(self.context(args[0], profile.role))], profile, lang=args[0])
        if action == "R" and args and role_from_code(args[0]) in ROLES:
            profile = replace(profile, role=role_from_code(args[0]))
            return Outcome([menus.role_set(self.context(profile.ui_lang, profile.role))], profile, lang=profile.ui_lang)
        if action == "lm":
            return Outcome([menus.language_menu(ctx)], profile, lang=ctx.lang)
        if action == "t":
            return Outcome([menus.themes(ctx)], profile, lang=ctx.lang)
        if action == "T" and args:
            return Outcome([menus.theme_issues(ctx, args[0])], profile, lang=ctx.lang)
        if action == "d" and args and args[0].isdigit():
            return Outcome([menus.directory(ctx, page=int(args[0]))], profile, lang=ctx.lang)
        if action in ("i", "c", "m", "sl", "f") and args and (issue := self.kb.issue(args[0])) is not None:
            if action == "sl":
                return Outcome([menus.choose_language_for(ctx, issue.id)], profile, lang=ctx.lang)
            if action == "f":
                helpful = len(args) > 1 and args[1] == "1"
                return Outcome([menus.thanks(ctx)], profile, feedback=(issue.id, helpful), lang=ctx.lang)
            lang = args[1] if len(args) > 1 and is_supported(args[1]) else profile.ui_lang
            role = role_from_code(args[2]) if len(args) > 2 else "migrant"
            view = self.context(lang, role or profile.role, profile.area)
            reply = {"i": cards.issue_card, "c": cards.contacts_reply, "m": cards.more_reply}[action](view, issue)
            return Outcome([reply], profile, lang=view.lang)
        return Outcome([menus.stale_button(ctx)], profile, lang=ctx.lang)

    def _local_button(self, profile: Profile, action: str, args: tuple[str, ...]) -> Outcome | None:
        """Buttons of the local area and good-practice views (A: set area, k: checklist, p: what others did,
        la: all local information for an issue); None for any other button."""
        ctx = self.context(profile.ui_lang, profile.role, profile.area)
        if action == "A" and args and (args[0] == areas.NO_AREA or self.kb.area(args[0])):
            profile = replace(profile, area=None if args[0] == areas.NO_AREA else args[0])
            view = self.context(profile.ui_lang, profile.role, profile.area)
            return Outcome([areas.area_set(view)], profile, lang=view.lang)
        if action == "k":
            reply = checklist.checklist_group_reply(ctx, args[0]) if args else checklist.checklist_reply(ctx)
            return Outcome([reply], profile, lang=ctx.lang)
        if action in ("p", "la") and args and (issue := self.kb.issue(args[0])) is not None:
            lang = args[1] if len(args) > 1 and is_supported(args[1]) else profile.ui_lang
            role = role_from_code(args[2]) if len(args) > 2 else None
            view = self.context(lang, role or profile.role, profile.area)
            reply = practices.practices_reply(view, issue) if action == "p" else areas.area_reply(view, issue)
            return Outcome([reply], profile, lang=view.lang)
        return None
