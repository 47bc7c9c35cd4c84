"""What every handler needs, created once at start-up and shared through `bot_data` (no module globals)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from telegram import User
from telegram.ext import ContextTypes

from bot.app import Core
from bot.config import Settings
from bot.conversation import Outcome, Profile
from bot.flood import FloodGate, Verdict
from bot.reload import LiveCore, Reloader
from bot.store import Store, user_key

log = logging.getLogger(__name__)
KEY = "services"


@dataclass(frozen=True)
class Services:
    live: LiveCore
    store: Store
    settings: Settings
    flood: FloodGate = field(default_factory=FloodGate)
    reloader: Reloader | None = None

    @property
    def core(self) -> Core:
        """The Core in service now (swapped whole on reload): read it once per update."""
        return self.live.current

    def key(self, user: User) -> str:
        return user_key(self.settings.user_key_secret, user.id)

    def flood_check(self, user: User | None) -> Verdict:
        return self.flood.check(self.key(user)) if user is not None else Verdict.ANSWER

    def is_admin(self, user: User | None) -> bool:
        return user is not None and user.id in self.settings.admin_ids

    async def profile(self, user: User | None) -> Profile:
        """The person's saved language and role; defaults when unknown or when the database is unreachable."""
        if user is None:
            return Profile()
        saved = None
        try:
            saved = await self.store.saved_profile(self.key(user))
        except Exception as exc:  # the database being down must not silence the bot
            log.warning("could not read preferences (%s); answering with defaults", type(exc).__name__)
        lang, role, area = saved or (None, None, None)
        return Profile(lang=lang, role=role, client_lang=user.language_code, area=area)

    async def remember(self, user: User | None, before: Profile, outcome: Outcome, text: str | None = None) -> None:
        """Save what changed (language, role, area), store feedback, or forget the person, as the outcome says; count
        the outcome anonymously; keep an unanswered `text` only when the admins switched that log on."""
        if user is None:
            return
        key = self.key(user)
        try:
            if outcome.forget:
                await self.store.forget(key)
            elif (outcome.profile.lang, outcome.profile.role, outcome.profile.area) != (
                before.lang,
                before.role,
                before.area,
            ):
                after = outcome.profile
                await self.store.save_preferences(key, after.lang, after.role, area=after.area)
            if outcome.feedback is not None:
                await self.store.add_feedback(key, *outcome.feedback)
            if outcome.result is not None:
                await self.count(outcome)
                if text and self.settings.unanswered_log_days and _unanswered(outcome):
                    await self.store.log_unanswered(outcome.result.lang, text, self.settings.unanswered_log_days)
        except Exception as exc:
            log.warning("could not save to the database (%s); the answer was still sent", type(exc).__name__)

    async def count(self, outcome: Outcome) -> None:
        result = outcome.result
        assert result is not None
        crisis_kind = result.crisis.kind if result.crisis is not None else None
        if result.crisis is not None:
            kind, issue, score = "crisis", None, None
        elif result.smalltalk is not None:
            kind, issue, score = result.smalltalk, None, None
        elif result.matches:
            kind, issue, score = "match", result.matches[0].issue, result.matches[0].score
        else:
            kind, issue, score = "no-match", None, None
        await self.store.count_stat(result.lang, kind, issue, score, crisis_kind)


def _unanswered(outcome: Outcome) -> bool:
    result = outcome.result
    return bool(result and result.words and not result.matches and result.crisis is None and not result.smalltalk)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return context.application.bot_data[KEY]  # type: ignore[no-any-return]
