"""Decide what to answer: a command, a button, or a message (crisis? greeting? question?) -> an Outcome: the
effects to carry out (replies to send or show in place, what to store; see bot/effects.py).

Plain Python: the Telegram adapter, the terminal console and the `ask` command all call this and carry out the
effects their own way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from bot.callbacks import (
    Checklist,
    ChooseArea,
    ChooseLanguage,
    ChooseRole,
    DirectoryPage,
    LanguageMenu,
    PickLanguageFor,
    RateIssue,
    SendToClient,
    ShowIssue,
    ShowLocal,
    ShowPractices,
    SupportLines,
    Theme,
    Topics,
    decode,
)
from bot.deeplink import parse_start, start_link, start_payload
from bot.effects import (
    CountStat,
    Effect,
    Forget,
    LogUnanswered,
    RecordFeedback,
    Replace,
    SavePreference,
    Send,
    SendImage,
    Toast,
)
from bot.followup import FollowUp, FollowUpMarkers
from bot.i18n import Catalogs
from bot.kb.model import Issue, KnowledgeBase
from bot.languages import RTL_LANGUAGES, SOURCE_LANGUAGE, normalise_code
from bot.match import Match, Matcher, MatchResult
from bot.memory import ConversationMemory, Topic
from bot.privacy import redact
from bot.qr import qr_png
from bot.replies import Reply, areas, cards, checklist, menus, practices
from bot.replies.context import MIGRANT as MIGRANT_ROLE
from bot.replies.context import RenderContext
from bot.replies.model import link, right_to_left
from bot.text.normalise import tokens

SMALLTALK: dict[str, Callable[[RenderContext], Reply]] = {
    "greeting": menus.greeting,
    "thanks": menus.thanks,
    "help": menus.help_reply,
    "menu": menus.start,
    "topics": menus.themes,
    "contacts": menus.directory,
    "language": menus.language_menu,
    "ack": menus.help_reply,
}
CLOSE_MATCH_RATIO = 0.8  # other topics are offered when their score is within 80% of the best
CRISIS_SIGNPOST_SCORE = 0.6  # after a crisis reply, a topic card only when the match is clear
MAX_MESSAGE = 4096  # characters of a message that are read (Telegram's own limit): the rest is cut before any work
MAX_QUERY = 64  # characters of a /contacts search that are used and quoted back
FOLLOW_UP_SCORE = 0.5  # a short message without a marker is a follow-up when its own best match is under this;
# the new words of a follow-up with a marker lead to another topic when they match it at least this well
THEME_WEIGHT = 0.5  # ... and the topics of the theme the new words point to are preferred by this much,
THEME_NAMED = 1.0  # ... and those of a theme the new words name ("and for children?": "Children and young people")
THEME_NAME_PREFIX = 5  # letters a word shares with a theme title's word to name it ("dzieci"/"dzieciom")


@dataclass(frozen=True)
class Profile:
    """What we know about the person: their chosen language, role and local area, and their Telegram client's
    language."""

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
    """What to do (bot/effects.py: replies first, then what to store), and the person's profile afterwards."""

    effects: tuple[Effect, ...]
    profile: Profile
    result: MatchResult | None = None
    lang: str | None = None  # the language the replies are in

    def __post_init__(self) -> None:
        if self.lang in RTL_LANGUAGES:
            object.__setattr__(self, "effects", tuple(_right_to_left(e) for e in self.effects))

    @property
    def replies(self) -> list[Reply]:
        """Every reply in order (for /forget: the one said when it worked), for adapters that only show text."""
        out = []
        for effect in self.effects:
            if isinstance(effect, Send | Replace | Toast | SendImage):
                out.append(effect.reply)
            elif isinstance(effect, Forget):
                out.append(effect.done)
        return out


def _right_to_left(effect: Effect) -> Effect:
    if isinstance(effect, Send | Replace | Toast | SendImage):
        return replace(effect, reply=right_to_left(effect.reply))
    if isinstance(effect, Forget):
        return Forget(right_to_left(effect.done), right_to_left(effect.failed))
    return effect


def _shown(replies: list[Reply], profile: Profile, lang: str) -> Outcome:
    """Replies shown in place of the message whose button was pressed."""
    return Outcome(tuple(Replace(r) for r in replies), profile, lang=lang)


def _sent(replies: list[Reply], profile: Profile, lang: str) -> Outcome:
    return Outcome(tuple(Send(r) for r in replies), profile, lang=lang)


class Conversation:
    def __init__(
        self, kb: KnowledgeBase, matcher: Matcher, catalogs: Catalogs, memory: ConversationMemory | None = None
    ) -> None:
        """`memory`: the last topic per person, in memory only (bot/memory.py); None = every message stands alone."""
        self.kb = kb
        self.matcher = matcher
        self.catalogs = catalogs
        self.memory = memory
        self.follow_ups = FollowUpMarkers(kb)

    def context(self, lang: str, role: str | None, area: str | None = None) -> RenderContext:
        return RenderContext(self.kb, self.catalogs.translator(lang), lang, role, self.catalogs, area=area)

    # -- messages ---------------------------------------------------------------------------------------

    def on_text(self, profile: Profile, text: str, person: str | None = None) -> Outcome:
        """`person`: the keyed hash the adapter knows the person by (for the brief memory of their last topic)."""
        text = text[:MAX_MESSAGE]
        result = self.matcher.match(text, lang=profile.lang, client_lang=normalise_code(profile.client_lang))
        previous, follow_up = self._follow_up(profile, result, text, person)
        lang = (profile.lang or previous.lang) if previous is not None else result.lang
        ctx = self.context(lang, profile.role, profile.area)
        replies: list[Reply] = []
        if result.crisis is not None:
            kinds = result.crisis_kinds or (result.crisis.kind,)
            replies.append(menus.crisis(ctx, kinds, result.matches[0].issue if result.matches else None))
        elif result.danger == "possible" or result.smalltalk == "help":
            replies.append(menus.possible_danger(ctx))
        shown: str | None = None
        if result.empty:
            replies.append(menus.empty_message(ctx))
        elif result.smalltalk in SMALLTALK:
            replies.append(SMALLTALK[result.smalltalk](ctx))
        elif (
            previous is not None
            and follow_up is not None
            and (answer := self._follow_up_card(ctx, previous, follow_up, result)) is not None
        ):
            card, shown = answer
            replies.append(card)
        elif result.matches and (result.crisis is None or result.matches[0].score >= CRISIS_SIGNPOST_SCORE):
            best = result.matches[0]
            issue = self.kb.issue(best.issue)
            if issue is not None:
                replies.append(cards.issue_card(ctx, issue, self._close(best, result.matches[1:])))
                shown = issue.id
        elif result.crisis is None:
            replies.append(menus.no_match(ctx))
        if shown is not None and person is not None and self.memory is not None:
            self.memory.remember(person, shown, ctx.lang)
        if previous is not None and shown is not None:
            effects: tuple[Effect, ...] = (*(Send(r) for r in replies), CountStat(ctx.lang, "follow-up", shown))
        else:
            effects = self._answer(result, replies, text)
        return Outcome(effects, profile, result, lang=ctx.lang)

    def _follow_up(
        self, profile: Profile, result: MatchResult, text: str, person: str | None
    ) -> tuple[Topic | None, FollowUp | None]:
        """The person's recent topic and the message read as a follow-up to it (bot/followup.py), or (None,
        None): never for a crisis, small talk, or someone the memory does not know."""
        if person is None or self.memory is None or result.crisis is not None or result.empty:
            return None, None
        if result.smalltalk is not None or (previous := self.memory.recent(person)) is None:
            return None, None
        answered = bool(result.matches) and result.matches[0].score >= FOLLOW_UP_SCORE
        follow_up = self.follow_ups.read(text, (profile.lang, result.lang, previous.lang), answered)
        return (previous, follow_up) if follow_up is not None else (None, None)

    def _follow_up_card(
        self, ctx: RenderContext, previous: Topic, follow_up: FollowUp, result: MatchResult
    ) -> tuple[Reply, str] | None:
        """The card for a follow-up, and the topic it shows: the previous topic again ("About <topic>:"), or the
        topic its new words lead to ("Following on from “<previous>”:", with a button back)."""
        issue = self.kb.issue(previous.issue_id)
        if issue is None:
            return None
        new = self._new_topic(ctx, issue, follow_up.words) if follow_up.marked and follow_up.words else None
        if new is not None:
            note = ctx.t.gettext("Following on from “{topic}”:", topic=ctx.issue_title(issue))
            return cards.issue_card(ctx, new, (Match(issue.id, 1.0),), note), new.id
        note = ctx.t.gettext("About {topic}:", topic=ctx.issue_title(issue))
        return cards.issue_card(ctx, issue, result.matches, note), issue.id

    def _new_topic(self, ctx: RenderContext, previous: Issue, words: str) -> Issue | None:
        """The topic the new words of a follow-up lead to, when it is not the previous one (bot/followup.py): of
        the topics the words match closely, the one with the most support from the words themselves, from
        "<previous topic> <words>", and from the words' theme ("for children" points at the children's topics)."""
        own = self.matcher.match(words, lang=ctx.lang)
        if own.crisis is not None or own.smalltalk is not None or not own.matches:
            return None
        best = own.matches[0]
        if best.score < FOLLOW_UP_SCORE:
            return None
        close = [m for m in own.matches if m.score >= best.score * CLOSE_MATCH_RATIO]
        if any(m.issue == previous.id for m in close):
            return None  # the new words are about the same topic
        together = self.matcher.match(f"{ctx.issue_title(previous)} {words}", lang=ctx.lang)
        fits = {m.issue: m.score for m in together.matches}
        themes: dict[str, float] = {}
        for m in own.matches:
            if (issue := self.kb.issue(m.issue)) is not None:
                themes[issue.theme] = themes.get(issue.theme, 0.0) + m.score

        named = self._named_themes(ctx, words)

        def support(m: Match) -> float:
            issue = self.kb.issue(m.issue)
            theme = issue.theme if issue else ""
            return (
                m.score
                + fits.get(m.issue, 0.0)
                + THEME_WEIGHT * themes.get(theme, 0.0)
                + THEME_NAMED * (theme in named)
            )

        return self.kb.issue(max(close, key=support).issue)

    def _named_themes(self, ctx: RenderContext, words: str) -> set[str]:
        """The themes whose title, in the reader's language, the words name ("copii" in "Copii și tineri")."""
        said = {w[:THEME_NAME_PREFIX] for w in tokens(words) if len(w) >= 4}
        return {
            theme.id
            for theme in self.kb.themes
            if said & {w[:THEME_NAME_PREFIX] for w in tokens(ctx.theme_title(theme)) if len(w) >= 4}
        }

    def _close(self, best: Match, others: tuple[Match, ...]) -> tuple[Match, ...]:
        """Other topics whose score is close to the best: one from another theme first (a question with two
        topics, "housing and English classes"), so its button is always among those shown."""
        close = [m for m in others if m.score >= best.score * CLOSE_MATCH_RATIO]
        issue = self.kb.issue(best.issue)
        theme = issue.theme if issue is not None else None
        elsewhere = [m for m in close if (o := self.kb.issue(m.issue)) is not None and o.theme != theme][:1]
        return (*elsewhere, *(m for m in close if m not in elsewhere))

    def urgent(self, text: str) -> bool:
        """Whether a message has crisis words, at a glance (see Matcher.crisis_words): to be answered first."""
        return self.matcher.crisis_words(text[:MAX_MESSAGE])

    def _answer(self, result: MatchResult, replies: list[Reply], text: str) -> tuple[Effect, ...]:
        """The replies (a crisis reply is urgent), an anonymous count, and the question when it found no answer."""
        effects: list[Effect] = [Send(r, urgent=result.crisis is not None and n == 0) for n, r in enumerate(replies)]
        if result.crisis is not None:
            effects.append(CountStat(result.lang, "crisis", crisis_kind=result.crisis.kind))
        elif result.smalltalk is not None:
            effects.append(CountStat(result.lang, result.smalltalk))
        elif result.matches:
            effects.append(CountStat(result.lang, "match", result.matches[0].issue, result.matches[0].score))
        else:
            effects.append(CountStat(result.lang, "no-match"))
            if result.words:
                effects.append(LogUnanswered(result.lang, redact(text)))
        return tuple(effects)

    def on_other(self, profile: Profile) -> Outcome:
        """A message that is not text (voice, photo, sticker, location, ...): what the bot can read."""
        ctx = self.context(profile.ui_lang, profile.role)
        return Outcome((Send(menus.text_only(ctx)), CountStat(ctx.lang, "not-text")), profile, lang=ctx.lang)

    def slow_down(self, profile: Profile) -> Outcome:
        """Said once when someone writes faster than the flood limit allows."""
        ctx = self.context(profile.ui_lang, None)
        return _sent([menus.slow_down(ctx)], profile, ctx.lang)

    def failure(self, profile: Profile) -> Outcome:
        """Said when something went wrong on our side, instead of silence."""
        ctx = self.context(profile.ui_lang, None)
        return _sent([menus.error(ctx)], profile, ctx.lang)

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

    def on_command(
        self, profile: Profile, command: str, argument: str = "", unanswered_days: int = 0, person: str | None = None
    ) -> Outcome:
        """`unanswered_days`: how long unanswered questions are kept (0 = not at all), told in /privacy.
        `person`: the keyed hash the adapter knows the person by (/forget also clears the memory of their topic)."""
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
        if command == "start" and (linked := parse_start(argument)) and (issue := self.kb.issue(linked[0])):
            return self._open_link(profile, issue, linked[1])
        if command in simple:
            return _sent([simple[command](ctx)], profile, ctx.lang)
        if command == "privacy":
            return _sent([menus.privacy(ctx, unanswered_days)], profile, ctx.lang)
        if command == "contacts":
            query = _query(argument)  # its topics help find the contacts that fit (bot/match/contacts.py)
            lang, client = profile.lang, normalise_code(profile.client_lang)
            topics = self.matcher.match(query, lang=lang, client_lang=client).matches if query else ()
            return _sent([menus.directory(ctx, query, topics=topics)], profile, ctx.lang)
        if command == "forget":
            if person is not None and self.memory is not None:
                self.memory.forget(person)
            cleared = Profile(client_lang=profile.client_lang)
            view = self.context(cleared.ui_lang, None)
            return Outcome((Forget(menus.forgotten(view), menus.forget_failed(view)),), cleared, lang=cleared.ui_lang)
        return _sent([menus.help_reply(ctx)], profile, ctx.lang)

    def _open_link(self, profile: Profile, issue: Issue, lang: str) -> Outcome:
        """/start from a link a worker gave: the greeting and the migrant card in the link's language. The
        language is stored only when the person had not chosen one (a link never overrides their own choice)."""
        view = self.context(lang, MIGRANT_ROLE, profile.area)
        replies = [menus.greeting(view), cards.issue_card(view, issue)]
        if profile.lang is not None:
            return _sent(replies, profile, lang)
        profile = replace(profile, lang=lang)
        return Outcome((*(Send(r) for r in replies), SavePreference("lang", lang)), profile, lang=lang)

    # -- buttons ----------------------------------------------------------------------------------------

    def on_button(self, profile: Profile, data: str, bot_username: str | None = None) -> Outcome:
        """`bot_username`: the bot's Telegram username, for links that open the bot (None: no links)."""
        action = decode(data)
        ctx = self.context(profile.ui_lang, profile.role, profile.area)
        match action:
            case ChooseLanguage(lang):
                profile = replace(profile, lang=lang)
                view = self.context(lang, profile.role)
                ask_role = (Send(menus.role_menu(view)),) if profile.role is None else ()  # nobody gets a view unasked
                return Outcome(
                    (Replace(menus.language_set(view)), *ask_role, SavePreference("lang", lang)), profile, lang=lang
                )
            case ChooseRole(role):
                profile = replace(profile, role=role)
                reply = menus.role_set(self.context(profile.ui_lang, profile.role))
                return Outcome((Replace(reply), SavePreference("role", role)), profile, lang=profile.ui_lang)
            case LanguageMenu():
                return _shown([menus.language_menu(ctx)], profile, ctx.lang)
            case Topics():
                return _shown([menus.themes(ctx)], profile, ctx.lang)
            case Theme(theme):
                return _shown([menus.theme_issues(ctx, theme)], profile, ctx.lang)
            case DirectoryPage(page):
                return _shown([menus.directory(ctx, page=page)], profile, ctx.lang)
            case PickLanguageFor(issue_id) if self.kb.issue(issue_id) is not None:
                # a new message: the card stays on screen
                return _sent([menus.choose_language_for(ctx, issue_id)], profile, ctx.lang)
            case RateIssue(issue_id, helpful) if self.kb.issue(issue_id) is not None:
                if not helpful:  # a way out instead of "you are welcome"
                    reply = menus.not_helpful(ctx)
                    return Outcome((Send(reply), RecordFeedback(issue_id, helpful)), profile, lang=ctx.lang)
                reply = menus.thanks(ctx)
                return Outcome((Toast(reply), RecordFeedback(issue_id, helpful)), profile, lang=ctx.lang)
            case ShowIssue(issue_id, view_name, lang, role) if (issue := self.kb.issue(issue_id)) is not None:
                view = self.context(lang or profile.ui_lang, role or profile.role, profile.area)
                reply = {"card": cards.issue_card, "contacts": cards.contacts_reply, "more": cards.more_reply}[
                    view_name
                ](view, issue)
                # a card is sent anew (the one it came from stays visible); its other views replace it
                return (_sent if view_name == "card" else _shown)([reply], profile, view.lang)
            case ChooseArea(area) if area is None or self.kb.area(area) is not None:
                profile = replace(profile, area=area)
                view = self.context(profile.ui_lang, profile.role, area)
                return Outcome((Replace(areas.area_set(view)), SavePreference("area", area)), profile, lang=view.lang)
            case SendToClient(issue_id, _) if not bot_username and self.kb.issue(issue_id) is not None:
                # the terminal chat or `ask` without BOT_USERNAME: say how to get links (Telegram always has one)
                return _sent([menus.links_need_username(ctx)], profile, ctx.lang)
            case SendToClient(issue_id, None) if self.kb.issue(issue_id) is not None:
                return _sent([menus.client_language(ctx, issue_id)], profile, ctx.lang)
            case SendToClient(issue_id, str(lang)) if bot_username and (issue := self.kb.issue(issue_id)) is not None:
                url = start_link(bot_username, issue.id, lang)
                topic = self.context(lang, MIGRANT_ROLE).issue_title(issue)
                reply = menus.client_link(ctx, topic, lang, url)
                image = SendImage(qr_png(url), Reply(link(url)), name=start_payload(issue.id, lang))
                return Outcome((Replace(reply), image), profile, lang=ctx.lang)
            case SupportLines(kinds):
                return _sent([menus.support_lines(ctx, kinds)], profile, ctx.lang)
            case Checklist(group):
                reply = checklist.checklist_group_reply(ctx, group) if group else checklist.checklist_reply(ctx)
                return _shown([reply], profile, ctx.lang)
            case ShowPractices(issue_id, lang, role) if (issue := self.kb.issue(issue_id)) is not None:
                view = self.context(lang or profile.ui_lang, role or profile.role, profile.area)
                return _shown([practices.practices_reply(view, issue)], profile, view.lang)
            case ShowLocal(issue_id, lang, role) if (issue := self.kb.issue(issue_id)) is not None:
                view = self.context(lang or profile.ui_lang, role or profile.role, profile.area)
                return _shown([areas.area_reply(view, issue)], profile, view.lang)
        return _shown([menus.stale_button(ctx)], profile, ctx.lang)


def _query(argument: str) -> str:
    """A /contacts search as it is used and quoted back: one line, at most MAX_QUERY characters."""
    query = " ".join(argument.split())
    return query if len(query) <= MAX_QUERY else query[: MAX_QUERY - 1] + "…"
