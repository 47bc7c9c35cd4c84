"""Callback data for buttons: typed actions, encoded and decoded here and nowhere else.

Format: `v1:<code>[:<arg>...]`, at most 64 bytes (Telegram's limit). `decode` checks every part strictly (ASCII
ids, ASCII digits, known languages and roles) and gives None for anything else — an old version, a button from
before a restart with other data, or forged data — and the caller answers "this button has expired".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.languages import is_supported

VERSION = "v1"
MAX_BYTES = 64
ROLE_CODES = {"s": "staff", "m": "migrant"}
ROLE_OF = {role: code for code, role in ROLE_CODES.items()}
View = Literal["card", "contacts", "more"]
VIEW_CODES: dict[str, View] = {"i": "card", "c": "contacts", "m": "more"}
VIEW_OF = {view: code for code, view in VIEW_CODES.items()}
NO_AREA = "-"  # ChooseArea(None) on the wire
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,47}\Z")
_PAGE = re.compile(r"[0-9]{1,4}\Z")


@dataclass(frozen=True)
class ChooseLanguage:
    lang: str


@dataclass(frozen=True)
class ChooseRole:
    role: str  # "staff" | "migrant"


@dataclass(frozen=True)
class LanguageMenu:
    pass


@dataclass(frozen=True)
class Topics:
    pass


@dataclass(frozen=True)
class Theme:
    theme: str


@dataclass(frozen=True)
class DirectoryPage:
    page: int


@dataclass(frozen=True)
class ShowIssue:
    """An issue card, or its contacts or its "more" view; `lang` None = the person's language; `role` None = the
    person's role."""

    issue: str
    view: View = "card"
    lang: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class PickLanguageFor:
    issue: str


@dataclass(frozen=True)
class RateIssue:
    issue: str
    helpful: bool


@dataclass(frozen=True)
class ChooseArea:
    """The local area for cards (an id from knowledge/areas/), or None for no area."""

    area: str | None


@dataclass(frozen=True)
class Checklist:
    """The council checklist: its groups, or one group's items."""

    group: str | None = None


@dataclass(frozen=True)
class ShowPractices:
    """'What others did' for an issue; `lang`/`role` None = the person's own."""

    issue: str
    lang: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class ShowLocal:
    """Everything the chosen area's documents say about an issue; `lang`/`role` None = the person's own."""

    issue: str
    lang: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class SupportLines:
    """The non-emergency support lines for the kinds of a crisis (from a crisis reply's "Talk to someone")."""

    kinds: tuple[str, ...]


@dataclass(frozen=True)
class SendToClient:
    """A link (and its QR code) that opens an issue's migrant card on a client's phone; `lang` None = ask which
    language first."""

    issue: str
    lang: str | None = None


Action = (
    ChooseLanguage
    | ChooseRole
    | LanguageMenu
    | Topics
    | Theme
    | DirectoryPage
    | ShowIssue
    | PickLanguageFor
    | RateIssue
    | ChooseArea
    | Checklist
    | ShowPractices
    | ShowLocal
    | SupportLines
    | SendToClient
)


def encode(code: str, *args: str) -> str:
    """The low-level form `v1:<code>:<args>` (see `pack` for typed actions)."""
    data = ":".join((VERSION, code, *args))
    if len(data.encode("utf-8")) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def pack(action: Action) -> str:
    """A typed action as callback data; `decode(pack(a)) == a`."""
    match action:
        case ChooseLanguage(lang):
            return encode("L", lang)
        case ChooseRole(role):
            return encode("R", ROLE_OF[role])
        case LanguageMenu():
            return encode("lm")
        case Topics():
            return encode("t")
        case Theme(theme):
            return encode("T", theme)
        case DirectoryPage(page):
            return encode("d", str(page))
        case ShowIssue(issue, view, lang, role):
            return encode(VIEW_OF[view], issue, lang or "-", ROLE_OF.get(role or "", "-"))
        case PickLanguageFor(issue):
            return encode("sl", issue)
        case RateIssue(issue, helpful):
            return encode("f", issue, "1" if helpful else "0")
        case ChooseArea(area):
            return encode("A", area or NO_AREA)
        case Checklist(group):
            return encode("k", group) if group else encode("k")
        case ShowPractices(issue, lang, role):
            return encode("p", issue, lang or "-", ROLE_OF.get(role or "", "-"))
        case ShowLocal(issue, lang, role):
            return encode("la", issue, lang or "-", ROLE_OF.get(role or "", "-"))
        case SupportLines(kinds):
            return encode("sp", ".".join(kinds))
        case SendToClient(issue, lang):
            return encode("sc", issue, lang) if lang else encode("sc", issue)
    raise TypeError(f"not a button action: {action!r}")


def decode(data: str | None) -> Action | None:
    """The action a button stands for, or None for data we cannot read."""
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        return None
    version, _, rest = data.partition(":")
    if version != VERSION or not rest:
        return None
    code, *args = rest.split(":")
    try:
        return _decode(code, args)
    except (ValueError, KeyError, IndexError):
        return None


def _id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("not an id")
    return value


def _decode(code: str, args: list[str]) -> Action | None:
    n = len(args)
    if code == "L" and n == 1 and is_supported(args[0]):
        return ChooseLanguage(args[0])
    if code == "R" and n == 1:
        return ChooseRole(ROLE_CODES[args[0]])
    if code == "lm" and n == 0:
        return LanguageMenu()
    if code == "t" and n == 0:
        return Topics()
    if code == "T" and n == 1:
        return Theme(_id(args[0]))
    if code == "d" and n == 1 and _PAGE.match(args[0]):
        return DirectoryPage(int(args[0]))
    if code in VIEW_CODES and 1 <= n <= 3:
        lang = args[1] if n > 1 and is_supported(args[1]) else None
        # a button without a role code is from the migrant view; "-" (or unknown) is "the person's own role"
        role = ROLE_CODES.get(args[2]) if n > 2 else "migrant"
        return ShowIssue(_id(args[0]), VIEW_CODES[code], lang, role)
    if code == "sl" and n == 1:
        return PickLanguageFor(_id(args[0]))
    if code == "f" and 1 <= n <= 2:
        return RateIssue(_id(args[0]), n > 1 and args[1] == "1")
    if code == "A" and n == 1:
        return ChooseArea(None if args[0] == NO_AREA else _id(args[0]))
    if code == "k" and n <= 1:
        return Checklist(_id(args[0]) if n else None)
    if code in ("p", "la") and 1 <= n <= 3:
        lang = args[1] if n > 1 and is_supported(args[1]) else None
        role = ROLE_CODES.get(args[2]) if n > 2 else None  # "-" or none: the person's own role
        return (ShowPractices if code == "p" else ShowLocal)(_id(args[0]), lang, role)
    if code == "sp" and n == 1:
        return SupportLines(tuple(_id(kind) for kind in args[0].split(".")))
    if code == "sc" and n == 1:
        return SendToClient(_id(args[0]))
    if code == "sc" and n == 2 and is_supported(args[1]):
        return SendToClient(_id(args[0]), args[1])
    return None
