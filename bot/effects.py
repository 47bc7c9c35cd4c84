"""What the conversation asks an adapter to do, as data: send or replace a reply, answer a button press, and
what to store. The core decides *what*; the adapter decides *how and when*: replies go out first, storage
afterwards, each with its own short timeout, and one failing never blocks another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.replies import Reply

# -- replies ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Send:
    """A new message. `urgent` (crisis replies) goes out before anything else, even under load or after an
    outage, and is retried when it is unclear whether it was delivered."""

    reply: Reply
    urgent: bool = False


@dataclass(frozen=True)
class Replace:
    """Shown in place of the message whose button was pressed (a new message where that is not possible)."""

    reply: Reply


@dataclass(frozen=True)
class Toast:
    """A short notice for the person who pressed a button, shown over the chat; the message stays as it is."""

    reply: Reply


# -- storage ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SavePreference:
    """One preference the person chose (language, role, local area); only this field is written, so two choices
    made at once both stay."""

    field: Literal["lang", "role", "area"]
    value: str | None


@dataclass(frozen=True)
class RecordFeedback:
    issue: str
    helpful: bool


@dataclass(frozen=True)
class CountStat:
    """An anonymous count: what kind of answer (match, no-match, crisis, greeting, thanks) in which language; for a
    crisis reply, which kind of crisis (suicide, violence, ...)."""

    lang: str
    outcome: str
    issue: str | None = None
    score: float | None = None
    crisis_kind: str | None = None


@dataclass(frozen=True)
class LogUnanswered:
    """A question the bot could not answer, already stripped of phone numbers, emails and postcodes; kept (with
    no link to the person) only when the admins switched the log on."""

    lang: str
    text: str


@dataclass(frozen=True)
class Forget:
    """Delete what is stored about the person; `done` tells them it happened, `failed` that it could not happen
    now. The adapter sends exactly one of the two, after trying."""

    done: Reply
    failed: Reply


@dataclass(frozen=True)
class SendImage:
    """A PNG image (a QR code) sent as a photo, with `reply` as its caption (at most 1024 characters)."""

    png: bytes
    reply: Reply
    name: str = "image"  # a file name without its .png (the terminal chat saves the image under it)


ReplyEffect = Send | Replace | Toast | SendImage
StorageEffect = SavePreference | RecordFeedback | CountStat | LogUnanswered
Effect = ReplyEffect | StorageEffect | Forget
