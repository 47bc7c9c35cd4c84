"""A fake Telegram Bot API server for end-to-end tests (standard library only).

Run it in a background thread and point python-telegram-bot at it::

    with FakeBotApi() as fake:
        app = ApplicationBuilder().token(fake.token).base_url(fake.base_url).build()
        fake.push_command(42, "start")
        ...
        fake.wait_for("sendMessage", chat_id=42)  # in an async test: await fake.wait_for_async(...)

``wait_for`` blocks the calling thread, so inside a test running on the bot's event loop use
``wait_for_async`` (or the bot never gets to run).  Sent messages also carry ``entities`` (UTF-16 offsets)
parsed from the HTML, and an edit only counts as "not modified" if text, entities and keyboard are unchanged.

PTB (``HTTPXRequest``) posts ``application/x-www-form-urlencoded`` bodies (``multipart/form-data`` when
uploading files) in which string parameters are sent verbatim and every other value (ints, bools, nested
objects such as ``reply_markup`` or ``results``) is JSON-encoded.  Since ``chat_id=42`` and ``text=42`` look
the same on the wire, fields known to be strings are kept verbatim and all other fields are JSON-decoded
when possible.  Plain JSON bodies are accepted too.

With ``refuse_like_telegram`` the server refuses, with HTTP 400, what Telegram refuses (invalid HTML, empty
or over-long texts, bad inline keyboards, unmodified edits, ...).  It is deliberately a little stricter
than Telegram about HTML: a bare ``&`` or an unknown named entity such as ``&nbsp;`` is refused (Telegram
leaves them as literal text), so that the bot is forced to escape its output.
"""

from __future__ import annotations

import asyncio
import json
import re
import socket
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from telegram.request import BaseRequest, RequestData

__all__ = ["BOT_USERNAME", "Call", "FakeBotApi", "FakeRequest", "TelegramRefusal", "parse_telegram_html"]

BOT_USERNAME = "test_iag_bot"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64
MAX_RESULT_ID = 64
LONG_POLL_CAP = 1.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Parameters that are strings in the Bot API: PTB sends them verbatim, so they must never be JSON-decoded.
STRING_FIELDS = _words(
    "text caption parse_mode callback_query_id inline_query_id query url action next_offset switch_pm_text "
    "switch_pm_parameter inline_message_id business_connection_id message_effect_id secret_token ip_address "
    "language_code emoji title description short_description name"
)
ALLOWED_TAGS = _words("b strong i em u ins s strike del a code pre blockquote tg-spoiler span tg-emoji")
BUTTON_ACTIONS = _words(
    "callback_data url switch_inline_query switch_inline_query_current_chat switch_inline_query_chosen_chat "
    "web_app login_url callback_game pay copy_text"
)
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*")
_ATTRIBUTE = re.compile(r"\s*([A-Za-z][A-Za-z0-9-]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>\"']+))?")


@dataclass(frozen=True)
class Call:
    """One request received by the fake.

    ``params`` are the decoded parameters; ``ok`` is False when the fake refused the call (``error`` then
    holds the Telegram description); ``at`` is a ``time.monotonic()`` timestamp; ``result`` is what the
    fake returned on success (e.g. the sent Message as a dict).
    """

    method: str
    params: dict[str, Any]
    ok: bool
    error: str | None
    at: float
    result: Any = None


class TelegramRefusal(Exception):
    """Raised inside the fake to answer with a Telegram error."""

    def __init__(self, description: str, status: int = 400, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.description, self.status, self.parameters = description, status, parameters


def _offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


_ENTITY_TYPES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline"}
_ENTITY_TYPES |= {"s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "a": "text_link"}
_ENTITY_TYPES |= {"code": "code", "pre": "pre", "blockquote": "blockquote", "tg-spoiler": "spoiler", "span": "spoiler"}
_ENTITY_TYPES |= {"tg-emoji": "custom_emoji"}


def parse_telegram_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram-flavoured HTML into (plain text, MessageEntity dicts with UTF-16 offsets).

    Raises ``ValueError`` (with a Telegram-like message) where Telegram would refuse the markup.
    """
    out: list[str] = []
    stack: list[tuple[str, dict[str, str], int]] = []  # (tag, attributes, UTF-16 start)
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            match = _ENTITY.match(text, i)
            if not match:
                raise ValueError(f"Unsupported character entity at byte offset {_offset(text, i)}")
            named, dec, hexa = match.groups()
            code = ord(_NAMED[named]) if named else int(dec or hexa, 10 if dec else 16)
            if not 0 < code <= 0x10FFFF:
                raise ValueError(f"Invalid character entity at byte offset {_offset(text, i)}")
            out.append(chr(code))
            i = match.end()
        elif char == "<" and text.startswith("</", i):
            end = text.find(">", i)
            if end < 0:
                raise ValueError(f"Unclosed end tag at byte offset {_offset(text, i)}")
            name = text[i + 2 : end].strip().lower()
            if not stack:
                raise ValueError(f'Unexpected end tag "{name}" at byte offset {_offset(text, i)}')
            tag, attributes, start = stack.pop()
            if tag != name:
                raise ValueError(
                    f'Unmatched end tag at byte offset {_offset(text, i)}, expected "</{tag}>", found "</{name}>"'
                )
            entity: dict[str, Any] = {
                "type": _ENTITY_TYPES[tag],
                "offset": start,
                "length": _utf16("".join(out)) - start,
            }
            if tag == "a" and attributes.get("href"):
                entity["url"] = attributes["href"]
            elif tag == "a":
                entity = {}
            elif tag == "tg-emoji":
                entity["custom_emoji_id"] = attributes["emoji-id"]
            elif tag == "blockquote" and "expandable" in attributes:
                entity["type"] = "expandable_blockquote"
            elif tag == "code" and stack and stack[-1][0] == "pre":  # <pre><code class="language-x">: one pre entity
                stack[-1][1].setdefault("language", attributes.get("class", "").removeprefix("language-"))
                entity = {}
            elif tag == "pre" and attributes.get("language"):
                entity["language"] = attributes["language"]
            if entity and entity["length"] > 0:
                entities.append(entity)
            i = end + 1
        elif char == "<":
            match = _TAG_NAME.match(text, i + 1)
            name = match.group().lower() if match else ""
            if not match or name not in ALLOWED_TAGS:
                raise ValueError(f'Unsupported start tag "{name}" at byte offset {_offset(text, i)}')
            j, attributes = match.end(), {}
            while attribute := _ATTRIBUTE.match(text, j):
                value = attribute.group(2) or ""
                attributes[attribute.group(1).lower()] = value[1:-1] if value[:1] in "\"'" and value else value
                j = attribute.end()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise ValueError(f'Unclosed start tag "{name}" at byte offset {_offset(text, i)}')
            if name == "span" and attributes.get("class") != "tg-spoiler":
                raise ValueError(f'Tag "span" must have class "tg-spoiler" at byte offset {_offset(text, i)}')
            if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
                raise ValueError(f"Invalid custom emoji identifier specified at byte offset {_offset(text, i)}")
            stack.append((name, attributes, _utf16("".join(out))))
            i = j + 1
        else:
            out.append(char)
            i += 1
    if stack:
        raise ValueError(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _strip(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Trim surrounding whitespace like Telegram does, moving and clipping the entities accordingly."""
    stripped = text.strip()
    shift, size, kept = _utf16(text[: len(text) - len(text.lstrip())]), _utf16(stripped), []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, size)
        if end > start:
            kept.append(entity | {"offset": start, "length": end - start})
    return stripped, kept


def _decode_value(name: str, value: Any) -> Any:
    if not isinstance(value, str) or name in STRING_FIELDS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes, query: str = "") -> dict[str, Any]:
    """Decode a request body (form-urlencoded, multipart or JSON) plus query string into typed parameters."""
    raw: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True))
    ctype = content_type.split(";")[0].strip().lower()
    if ctype == "application/json" and body.strip():
        raw.update(json.loads(body))
    elif ctype == "multipart/form-data":
        message = BytesParser(policy=policy.HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                raw[str(name)] = {"filename": part.get_filename(), "data": payload}
            else:
                raw[str(name)] = payload.decode(part.get_content_charset() or "utf-8")
    elif body:
        raw.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return {key: _decode_value(key, value) for key, value in raw.items()}


class FakeBotApi:
    """A fake Bot API on 127.0.0.1 (random free port), served from a background thread."""

    def __init__(self, token: str = "123:TEST", refuse_like_telegram: bool = True) -> None:
        self.token = token
        self.refuse_like_telegram = refuse_like_telegram
        self.base_url = ""
        self.calls: list[Call] = []
        self.bot_user: dict[str, Any] = {
            "id": int(token.split(":")[0]) if token.split(":")[0].isdigit() else 123,
            "is_bot": True,
            "first_name": "Test IAG Bot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.commands: list[dict[str, Any]] = []
        self.webhook_url = ""
        self._cond = threading.Condition(threading.RLock())
        self._updates: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._next_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}  # bot messages by (chat_id, message_id)
        self._chats: dict[int, dict[str, Any]] = {}
        self._query_ids: set[str] = set()
        self._faults: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._outages: dict[str, tuple[float, int, dict[str, Any]]] = {}  # method -> (until, status, body)
        self._delays: dict[str, list[float]] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._stopped = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle ------------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Bind a free port and serve in a daemon thread; sets ``base_url``."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle delay on replies

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                status, payload = fake._handle(self.path, self.headers.get("Content-Type", ""), body)
                data = json.dumps(payload).encode("utf-8")
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (e.g. a cancelled long poll)
                    self.close_connection = True

            do_GET = do_POST

            def log_message(self, format: str, *args: Any) -> None:  # silence the default stderr logging
                pass

        self._stopped = False
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self._server.server_address[1]}/bot"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), name="fake-bot-api", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and close the socket (wakes up pending long polls)."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeBotApi:
        self.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # updates --------------------------------------------------------------------------------------------------
    def _user(self, user_id: int, first_name: str = "Test", language_code: str | None = "en") -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if language_code is not None:
            user["language_code"] = language_code
        return user

    def _chat(self, chat_id: int, first_name: str | None = None) -> dict[str, Any]:
        with self._cond:
            chat = self._chats.get(chat_id)
            if chat is None:
                chat = {"id": chat_id, "type": "private", "first_name": first_name or "Test"}
                if chat_id < 0:
                    chat = {"id": chat_id, "type": "group", "title": f"Group {-chat_id}"}
                self._chats[chat_id] = chat
            elif first_name and chat["type"] == "private":
                chat["first_name"] = first_name
            return dict(chat)

    def _new_message_id(self, chat_id: int) -> int:
        with self._cond:
            self._next_message_id[chat_id] = self._next_message_id.get(chat_id, 0) + 1
            return self._next_message_id[chat_id]

    def _push(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            update = {"update_id": self._next_update_id, kind: payload}
            self._next_update_id += 1
            self._updates.append(update)
            self._cond.notify_all()
            return update

    @property
    def pushed(self) -> int:
        """How many updates have been queued so far."""
        with self._cond:
            return self._next_update_id - 1

    def push_message(
        self,
        user_id: int,
        text: str,
        *,
        language_code: str | None = "en",
        chat_id: int | None = None,
        first_name: str = "Test",
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from ``user_id`` (in its private chat unless ``chat_id``); returns the update."""
        chat_id = user_id if chat_id is None else chat_id
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat_id),
            "from": self._user(user_id, first_name, language_code),
            "chat": self._chat(chat_id, first_name),
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        return self._push("message", message)

    def push_media(
        self, user_id: int, kind: str, content: Any, *, language_code: str | None = "en", caption: str | None = None
    ) -> dict[str, Any]:
        """Queue a message without text: ``kind`` is its field ("voice", "photo", "sticker", "location", ...)."""
        message: dict[str, Any] = {
            "message_id": self._new_message_id(user_id),
            "from": self._user(user_id, "Test", language_code),
            "chat": self._chat(user_id, "Test"),
            "date": int(time.time()),
            kind: content,
        }
        if caption is not None:
            message["caption"] = caption
        return self._push("message", message)

    def push_command(self, user_id: int, command: str, args: str = "", **kw: Any) -> dict[str, Any]:
        """Queue ``/command args`` with a ``bot_command`` entity; ``kw`` go to :meth:`push_message`."""
        head = "/" + command.lstrip("/")
        text = f"{head} {args}" if args else head
        entity = {"type": "bot_command", "offset": 0, "length": len(head.encode("utf-16-le")) // 2}
        return self.push_message(user_id, text, entities=[entity], **kw)

    def push_callback(
        self, user_id: int, data: str, *, message_id: int | None = None, language_code: str | None = "en"
    ) -> dict[str, Any]:
        """Queue a callback query pressed on a bot message in the user's chat (default: the last one sent)."""
        with self._cond:
            if message_id is None:
                sent = [mid for (cid, mid) in self._messages if cid == user_id]
                if not sent:
                    raise ValueError(f"no bot message in chat {user_id} to attach the callback query to")
                message_id = max(sent)
            message = self._messages.get((user_id, message_id)) or {
                "message_id": message_id,
                "from": self.bot_user,
                "chat": self._chat(user_id),
                "date": int(time.time()),
                "text": "",
            }
            query_id = f"cb{self._next_update_id}"
            self._query_ids.add(query_id)
            payload = {
                "id": query_id,
                "from": self._user(user_id, self._chat(user_id).get("first_name", "Test"), language_code),
                "chat_instance": f"ci{user_id}",
                "message": json.loads(json.dumps(message)),
                "data": data,
            }
            return self._push("callback_query", payload)

    def push_inline_query(self, user_id: int, query: str, *, language_code: str | None = "en") -> dict[str, Any]:
        """Queue an inline query from ``user_id``; returns the update."""
        with self._cond:
            query_id = f"iq{self._next_update_id}"
            self._query_ids.add(query_id)
            payload = {"id": query_id, "from": self._user(user_id, language_code=language_code), "query": query}
            return self._push("inline_query", payload | {"offset": "", "chat_type": "sender"})

    # inspection -----------------------------------------------------------------------------------------------
    def _matching(self, method: str, chat_id: int | None) -> list[Call]:
        return [
            c
            for c in self.calls
            if c.ok and c.method == method and (chat_id is None or _int(c.params.get("chat_id")) == chat_id)
        ]

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0, chat_id: int | None = None) -> list[Call]:
        """Block until ``count`` successful ``method`` calls (to ``chat_id``) were recorded; return them all."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while len(found := self._matching(method, chat_id)) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(
                        f"expected {count} successful {method} call(s)"
                        f"{f' to chat {chat_id}' if chat_id is not None else ''}, got {len(found)}; "
                        f"calls:\n{self.summary()}"
                    )
                self._cond.wait(remaining)
            return found

    async def wait_for_async(
        self, method: str, count: int = 1, timeout: float = 10.0, chat_id: int | None = None
    ) -> list[Call]:
        """:meth:`wait_for` for async tests: waits in a worker thread so the bot's event loop keeps running."""
        return await asyncio.to_thread(self.wait_for, method, count, timeout, chat_id)

    def summary(self, limit: int = 40) -> str:
        """A readable list of the last recorded calls, getUpdates excluded."""
        with self._cond:
            calls = [c for c in self.calls if c.method != "getUpdates"][-limit:]
        lines = [
            f"  {c.method} {'ok' if c.ok else 'REFUSED ' + str(c.error)} "
            f"{json.dumps({k: v for k, v in c.params.items() if not isinstance(v, dict | bytes)}, default=str)[:200]}"
            for c in calls
        ]
        return "\n".join(lines) or "  (none)"

    def sent_to(self, chat_id: int) -> list[Call]:
        """Successful sendMessage/editMessageText calls for ``chat_id``, in order."""
        with self._cond:
            return [
                c
                for c in self.calls
                if c.ok and c.method in ("sendMessage", "editMessageText") and _int(c.params.get("chat_id")) == chat_id
            ]

    def reset(self, *, messages: bool = False) -> None:
        """Forget the recorded calls (queued updates are kept; sent messages too unless ``messages``)."""
        with self._cond:
            self.calls.clear()
            if messages:
                self._messages.clear()

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str = "Too Many Requests: retry after 1",
        times: int = 1,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail with ``status`` (and ``retry_after`` if not None)."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
        if retry_after is not None:
            body["parameters"] = {"retry_after": retry_after}
        with self._cond:
            self._faults.setdefault(method, []).extend([(status, body)] * times)

    def fail_for(self, method: str, seconds: float, *, status: int = 502, description: str = "Bad Gateway") -> float:
        """An outage: every ``method`` call fails with ``status`` for the next ``seconds``; returns when it ends
        (a ``time.monotonic()`` value)."""
        until = time.monotonic() + seconds
        with self._cond:
            self._outages[method] = (until, status, {"ok": False, "error_code": status, "description": description})
        return until

    def slow_next(self, method: str, seconds: float, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` are carried out, but answered only after ``seconds``."""
        with self._cond:
            self._delays.setdefault(method, []).extend([seconds] * times)

    # request handling -----------------------------------------------------------------------------------------
    def _handle(self, path: str, content_type: str, body: bytes) -> tuple[int, dict[str, Any]]:
        url = urlsplit(path)
        prefix = f"/bot{self.token}/"
        method = url.path[len(prefix) :] if url.path.startswith(prefix) else ""
        try:
            params = parse_body(content_type, body, url.query)
        except ValueError as exc:
            params = {"_unparsed": body.decode("utf-8", "replace"), "_error": str(exc)}
        with self._cond:
            faults = self._faults.get(method)
            if faults:
                status, payload = faults.pop(0)
                self._record(method, params, False, payload["description"])
                return status, payload
            outage = self._outages.get(method)
            if outage is not None and time.monotonic() < outage[0]:
                self._record(method, params, False, outage[2]["description"])
                return outage[1], outage[2]
            delays = self._delays.get(method)
            delay = delays.pop(0) if delays else 0.0
        if delay:
            status, payload = self._answer(method, url.path, prefix, params)
            time.sleep(delay)  # carried out at once, answered late: the client may give up waiting
            return status, payload
        return self._answer(method, url.path, prefix, params)

    def _answer(self, method: str, url_path: str, prefix: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        if not url_path.startswith(prefix):
            self._record(url_path, params, False, "Unauthorized")
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        handler = getattr(self, f"_api_{method}", None)
        try:
            if handler is None:
                raise TelegramRefusal("Not Found: method not found", 404)
            result = handler(params)
        except TelegramRefusal as exc:
            self._record(method, params, False, exc.description)
            payload = {"ok": False, "error_code": exc.status, "description": exc.description}
            if exc.parameters:
                payload["parameters"] = exc.parameters
            return exc.status, payload
        self._record(method, params, True, None, result)
        return 200, {"ok": True, "result": result}

    def _record(self, method: str, params: dict[str, Any], ok: bool, error: str | None, result: Any = None) -> None:
        with self._cond:
            self.calls.append(Call(method, params, ok, error, time.monotonic(), result))
            self._cond.notify_all()

    def _check_text(self, text: Any, parse_mode: Any, entities: Any = None) -> tuple[str, list[dict[str, Any]]]:
        """Validate a message text like Telegram; return the (plain text, entities) Telegram would store."""
        plain, found = str(text if text is not None else ""), list(entities or [])
        if str(parse_mode or "").lower() == "html":
            try:
                plain, found = parse_telegram_html(plain)
            except ValueError as exc:
                if self.refuse_like_telegram:
                    raise TelegramRefusal(f"Bad Request: can't parse entities: {exc}") from None
        plain, found = _strip(plain, found)
        if self.refuse_like_telegram and not plain:
            raise TelegramRefusal("Bad Request: message text is empty")
        if self.refuse_like_telegram and len(plain) > MAX_TEXT:
            raise TelegramRefusal("Bad Request: message is too long")
        return plain, found

    def _check_markup(self, markup: Any) -> dict[str, Any] | None:
        """Validate an inline keyboard; return it when Telegram would echo it back on the Message."""
        if not isinstance(markup, dict) or "inline_keyboard" not in markup:
            return None
        if self.refuse_like_telegram:
            for row in markup["inline_keyboard"]:
                for button in row:
                    actions = sorted(BUTTON_ACTIONS.intersection(button))
                    if not str(button.get("text", "")).strip() or not actions:
                        raise TelegramRefusal("Bad Request: text buttons are unallowed in the inline keyboard")
                    if len(actions) > 1:
                        raise TelegramRefusal(f"Bad Request: can't parse inline keyboard button: {actions}")
                    data = button.get("callback_data")
                    if "callback_data" in button and not 0 < len(str(data).encode("utf-8")) <= MAX_CALLBACK_DATA:
                        raise TelegramRefusal("Bad Request: BUTTON_DATA_INVALID")
                    if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                        raise TelegramRefusal("Bad Request: BUTTON_URL_INVALID")
        return markup

    def _target(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (_int(params.get("chat_id")), _int(params.get("message_id")))
        message = self._messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise TelegramRefusal("Bad Request: message to edit not found")
        return message

    # Bot API methods ------------------------------------------------------------------------------------------
    def _api_getMe(self, params: dict[str, Any]) -> Any:
        return self.bot_user

    def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        with self._cond:
            self.webhook_url = ""
            if params.get("drop_pending_updates") is True:
                self._updates.clear()
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        self.webhook_url = str(params.get("url", ""))
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        return {"url": self.webhook_url, "has_custom_certificate": False, "pending_update_count": len(self._updates)}

    def _api_logOut(self, params: dict[str, Any]) -> Any:
        return True

    _api_close = _api_logOut

    def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        self.commands = list(params.get("commands") or [])
        return True

    def _api_getMyCommands(self, params: dict[str, Any]) -> Any:
        return self.commands

    def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        if self.webhook_url:
            raise TelegramRefusal("Conflict: can't use getUpdates method while webhook is active", 409)
        offset, limit = _int(params.get("offset")) or 0, _int(params.get("limit")) or 100
        deadline = time.monotonic() + min(float(_int(params.get("timeout")) or 0), LONG_POLL_CAP)
        with self._cond:
            if offset > 0:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            while not self._updates and (remaining := deadline - time.monotonic()) > 0 and not self._stopped:
                self._cond.wait(remaining)
            return list(self._updates[:limit])

    def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = _int(params.get("chat_id"))
        if chat_id is None:
            raise TelegramRefusal("Bad Request: chat not found")
        text, entities = self._check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = self._check_markup(params.get("reply_markup"))
        with self._cond:
            message_id = self._new_message_id(chat_id)
            message = {"message_id": message_id, "from": self.bot_user, "chat": self._chat(chat_id)}
            message |= {"date": int(time.time()), "text": text}
            self._messages[(chat_id, message_id)] = _with_content(message, text, entities, markup)
            return json.loads(json.dumps(message))

    def _api_sendPhoto(self, params: dict[str, Any]) -> Any:
        """An uploaded PNG or JPEG photo (multipart), with an optional caption of at most 1024 characters."""
        chat_id = _int(params.get("chat_id"))
        if chat_id is None:
            raise TelegramRefusal("Bad Request: chat not found")
        photo = params.get("photo")
        data = photo.get("data") if isinstance(photo, dict) else None
        if not isinstance(data, bytes) or not data:
            raise TelegramRefusal("Bad Request: there is no photo in the request")
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        elif data.startswith(b"\xff\xd8"):
            width, height = 1, 1
        else:
            raise TelegramRefusal("Bad Request: IMAGE_PROCESS_FAILED")
        caption = str(params.get("caption") or "")
        if self.refuse_like_telegram and len(caption) > 1024:
            raise TelegramRefusal("Bad Request: message caption is too long")
        with self._cond:
            message_id = self._new_message_id(chat_id)
            size = {"file_id": f"photo{chat_id}-{message_id}", "file_unique_id": f"u{chat_id}-{message_id}"}
            message = {"message_id": message_id, "from": self.bot_user, "chat": self._chat(chat_id)}
            message |= {"date": int(time.time()), "photo": [size | {"width": width, "height": height}]}
            if caption:
                message["caption"] = caption
            self._messages[(chat_id, message_id)] = message
            return json.loads(json.dumps(message))

    def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        text, entities = self._check_text(params.get("text"), params.get("parse_mode"), params.get("entities"))
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        return self._edit(params, text, entities, markup)

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> Any:
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        with self._cond:
            message = self._target(params)
            return self._edit(params, message["text"], message.get("entities", []), markup)

    def _edit(self, params: dict[str, Any], text: str, entities: list[dict[str, Any]], markup: Any) -> Any:
        """Apply an edit (a missing reply_markup removes the keyboard, as in Telegram)."""
        with self._cond:
            message = self._target(params)
            old = (message["text"], message.get("entities", []), message.get("reply_markup"))
            if self.refuse_like_telegram and old == (text, entities, markup):
                raise TelegramRefusal(
                    "Bad Request: message is not modified: specified new message content and reply markup are "
                    "exactly the same as a current content and reply markup of the message"
                )
            _with_content(message, text, entities, markup)["edit_date"] = int(time.time())
            return json.loads(json.dumps(message))

    def _check_query_id(self, query_id: Any) -> None:
        if self.refuse_like_telegram and str(query_id) not in self._query_ids:
            raise TelegramRefusal("Bad Request: query is too old and response timeout expired or query ID is invalid")

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        self._check_query_id(params.get("callback_query_id"))
        if self.refuse_like_telegram and len(str(params.get("text") or "")) > 200:
            raise TelegramRefusal("Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_answerInlineQuery(self, params: dict[str, Any]) -> Any:
        self._check_query_id(params.get("inline_query_id"))
        results = params.get("results") or []
        if self.refuse_like_telegram:
            if not isinstance(results, list) or len(results) > 50:
                raise TelegramRefusal("Bad Request: RESULTS_TOO_MUCH")
            seen: set[str] = set()
            for result in results:
                result_id = str(result.get("id", ""))
                if not 0 < len(result_id.encode("utf-8")) <= MAX_RESULT_ID:
                    raise TelegramRefusal("Bad Request: RESULT_ID_INVALID")
                if result_id in seen:
                    raise TelegramRefusal("Bad Request: RESULT_ID_DUPLICATE")
                seen.add(result_id)
                content = result.get("input_message_content") or {}
                if "message_text" in content:
                    self._check_text(content["message_text"], content.get("parse_mode"))
                self._check_markup(result.get("reply_markup"))
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    def _api_deleteMessage(self, params: dict[str, Any]) -> Any:
        chat_id, message_id = _int(params.get("chat_id")) or 0, _int(params.get("message_id")) or 0
        with self._cond:
            exists = 0 < message_id <= self._next_message_id.get(chat_id, 0)
            if self.refuse_like_telegram and (not exists or (chat_id, message_id) in self._deleted):
                raise TelegramRefusal("Bad Request: message to delete not found")
            self._deleted.add((chat_id, message_id))
            self._messages.pop((chat_id, message_id), None)
        return True


def _with_content(message: dict[str, Any], text: str, entities: list[dict[str, Any]], markup: Any) -> dict[str, Any]:
    """Set a stored Message's text, entities and inline keyboard (removing absent ones); returns it."""
    message["text"] = text
    for key, value in (("entities", entities), ("reply_markup", markup)):
        message.pop(key, None)
        if value:
            message[key] = value
    return message


def _int(value: Any) -> int | None:
    """``value`` as an int when it is one (or a string of one), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


class FakeRequest(BaseRequest):
    """python-telegram-bot's request layer wired straight to a FakeBotApi, no socket: for tests where the network
    is not the point. Bodies are encoded as HTTPXRequest encodes them (form fields, JSON-encoded non-strings)."""

    def __init__(self, fake: FakeBotApi, workers: int = 64) -> None:
        self.fake = fake
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="fake-request")  # long polls block a thread

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        content_type, body = "application/x-www-form-urlencoded", b""
        if request_data is not None and request_data.contains_files:
            content_type, body = _multipart(request_data)
        elif request_data is not None:
            body = urlencode(request_data.json_parameters).encode()
        path = urlsplit(url).path
        loop = asyncio.get_running_loop()
        status, payload = await loop.run_in_executor(self._pool, self.fake._handle, path, content_type, body)
        return status, json.dumps(payload).encode("utf-8")


def _multipart(request_data: RequestData) -> tuple[str, bytes]:
    """An upload (sendPhoto) as HTTPXRequest posts it: multipart/form-data, the files as parts with a filename."""
    boundary = f"fake-{uuid.uuid4().hex}"
    parts = []
    for name, value in request_data.json_parameters.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'
        parts.append(head.encode() + b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + value.encode() + b"\r\n")
    for name, (filename, content, mimetype) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(head.encode() + f"Content-Type: {mimetype}\r\n\r\n".encode() + data + b"\r\n")
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()
