"""A link a worker gives a client: it carries only the issue and the language, and /start with it opens the
migrant card in that language, with the greeting in that language."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.callbacks import SendToClient, decode, pack
from bot.console import run_console
from bot.conversation import Conversation, Profile
from bot.deeplink import parse_start, start_link, start_payload
from bot.effects import SavePreference, Send, SendImage
from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES
from bot.qr import qr_png
from bot.replies import cards, menus
from tests.qrcodes import decode_qr

PROJECT = Path(__file__).resolve().parent.parent


def test_every_payload_round_trips_and_holds_only_the_issue_and_the_language(conversation: Conversation) -> None:
    for issue in conversation.kb.issues:
        for lang in LANGUAGES:
            payload = start_payload(issue.id, lang)
            assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", payload)  # what Telegram accepts as a start payload
            assert payload == f"c_{issue.id}_{lang}" and parse_start(payload) == (issue.id, lang)


@pytest.mark.parametrize("payload", ["", "c_nrpf", "c_nrpf_xx", "c_NRPF_pl", "x_nrpf_pl", "c_nrpf_pl_1", "c__pl"])
def test_a_broken_or_forged_payload_is_not_a_link(payload: str) -> None:
    assert parse_start(payload) is None


def test_the_link_names_the_bot_it_is_given() -> None:
    assert start_link("SomeHelpBot", "nrpf", "ro") == "https://t.me/SomeHelpBot?start=c_nrpf_ro"


@pytest.mark.parametrize("lang", ["pl", "ar", "ru"])
def test_start_with_a_link_greets_and_shows_the_migrant_card_in_the_links_language(
    conversation: Conversation, lang: str
) -> None:
    issue = conversation.kb.issue("nrpf")
    assert issue is not None
    outcome = conversation.on_command(Profile(client_lang="en"), "start", start_payload(issue.id, lang))
    view = conversation.context(lang, "migrant")
    texts = [r.text.replace("\u200f", "") for r in outcome.replies]
    assert texts[0] == menus.greeting(view).text.replace("\u200f", "")
    assert texts[1] == cards.issue_card(view, issue).text.replace("\u200f", "")
    assert texts[1] != cards.issue_card(conversation.context("en", "migrant"), issue).text
    assert SavePreference("lang", lang) in outcome.effects and outcome.profile.lang == lang


def test_a_link_does_not_override_a_language_the_person_chose(conversation: Conversation) -> None:
    outcome = conversation.on_command(Profile(lang="uk"), "start", "c_nrpf_pl")
    assert all(isinstance(e, Send) for e in outcome.effects) and outcome.profile.lang == "uk"
    assert outcome.lang == "pl"  # the card is still in the link's language


def test_start_with_an_unknown_issue_is_the_ordinary_start(conversation: Conversation) -> None:
    outcome = conversation.on_command(Profile(), "start", "c_no-such-issue_pl")
    plain = conversation.on_command(Profile(), "start")
    assert [r.text for r in outcome.replies] == [r.text for r in plain.replies]


def test_send_to_my_client_asks_the_language_then_gives_the_link_and_its_qr_code(conversation: Conversation) -> None:
    staff = Profile(lang="en", role="staff")
    issue = conversation.kb.issue("nrpf")
    assert issue is not None
    card = cards.issue_card(conversation.context("en", "staff"), issue)
    data = dict((b.text, b.data) for row in card.buttons for b in row)["📲 Send to my client"]
    assert decode(data) == SendToClient("nrpf")
    picker = conversation.on_button(staff, data, "HelpBot").replies[0]
    romanian = dict((b.text, b.data) for row in picker.buttons for b in row)["Română"]
    assert decode(romanian) == SendToClient("nrpf", "ro")
    outcome = conversation.on_button(staff, romanian, "HelpBot")
    url = "https://t.me/HelpBot?start=c_nrpf_ro"
    assert url in outcome.replies[0].text and "Română" in outcome.replies[0].text
    [image] = [e for e in outcome.effects if isinstance(e, SendImage)]
    assert url in image.reply.text
    assert decode_qr(image.png) == [url]  # a phone's camera reads exactly the link
    assert not any(isinstance(e, SavePreference) for e in outcome.effects)  # nothing about the client is kept


def test_the_qr_code_holds_exactly_the_link_for_every_issue_and_language(kb: KnowledgeBase) -> None:
    for issue in kb.issues:
        for lang in LANGUAGES:
            url = start_link("A_Long_Bot_Name_For_Testing_bot", issue.id, lang)
            assert decode_qr(qr_png(url)) == [url]


def test_a_blank_image_is_not_read_as_a_link() -> None:  # the decoder itself can say "nothing here"
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (200, 200), 255).save(out, format="PNG")
    assert decode_qr(out.getvalue()) == []


def test_no_link_without_the_bots_username(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(lang="en", role="staff"), pack(SendToClient("nrpf", "ro")))
    assert not any(isinstance(e, SendImage) for e in outcome.effects)


class Worker(io.StringIO):
    """A worker at the terminal chat who reads what is printed before typing: asks, presses 📲 Send to my client,
    then the client's language (each button by the number printed next to it)."""

    def __init__(self, out: io.StringIO) -> None:
        super().__init__()
        self.out = out
        self.steps = ["/role", "[I work with migrants]", "no recourse to public funds", "[📲 Send to my client]"]
        self.steps.append("[Română]")

    def readline(self, size: int | None = -1) -> str:
        if not self.steps:
            return ""
        step = self.steps.pop(0)
        if step.startswith("["):  # the number of the last button printed with this label
            numbers = re.findall(rf"\[(\d+)\] {re.escape(step[1:-1])}\n", self.out.getvalue())
            step = numbers[-1] if numbers else "/quit"
        return step + "\n"


def _staff_card_in_the_console(conversation: Conversation, username: str | None, images: Path) -> str:
    out = io.StringIO()
    assert run_console(conversation, Worker(out), out, bot_username=username, images=images) == 0
    return out.getvalue()


def test_the_console_with_bot_username_makes_the_link_and_saves_its_qr_code(
    conversation: Conversation, tmp_path: Path
) -> None:
    printed = _staff_card_in_the_console(conversation, "MigrationHelpBot", tmp_path)
    url = "https://t.me/MigrationHelpBot?start=c_nrpf_ro"
    assert url in printed
    saved = re.search(r"Image saved as (\S+\.png)", printed)
    assert saved is not None and Path(saved.group(1)) == (tmp_path / "c_nrpf_ro.png").resolve()
    assert decode_qr(Path(saved.group(1)).read_bytes()) == [url]


def test_the_console_without_bot_username_says_how_to_get_links(conversation: Conversation, tmp_path: Path) -> None:
    printed = _staff_card_in_the_console(conversation, None, tmp_path)
    assert "Set BOT_USERNAME" in printed.split("📲 Send to my client")[-1]
    assert "t.me/" not in printed and not list(tmp_path.iterdir())


def test_send_to_my_client_without_a_username_says_how_in_the_persons_language(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(lang="pl", role="staff"), pack(SendToClient("nrpf")))
    [reply] = outcome.replies
    assert "BOT_USERNAME" in reply.text and "Set BOT_USERNAME" not in reply.text  # said in Polish
    assert not any(isinstance(e, SendImage) for e in outcome.effects)


def _ask(*args: str, username: str | None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "BOT_USERNAME"}
    if username is not None:
        env["BOT_USERNAME"] = username
    return subprocess.run(
        [sys.executable, "run_bot.py", "ask", *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_ask_with_bot_username_gives_the_clients_link_and_saves_its_qr_code(tmp_path: Path) -> None:
    result = _ask(
        "--role", "staff", "--client", "uk", "--qr", str(tmp_path), "no recourse to public funds", username="@HelpBot"
    )
    assert result.returncode == 0, result.stderr
    url = "https://t.me/HelpBot?start=c_nrpf_uk"
    assert url in result.stdout and "Українська" in result.stdout
    assert f"Image saved as {(tmp_path / 'c_nrpf_uk.png').resolve()}" in result.stdout
    assert decode_qr((tmp_path / "c_nrpf_uk.png").read_bytes()) == [url]


def test_ask_without_bot_username_says_how_to_enable_links(tmp_path: Path) -> None:
    result = _ask(
        "--role", "staff", "--client", "uk", "--qr", str(tmp_path), "no recourse to public funds", username=None
    )
    assert result.returncode == 2 and "Set BOT_USERNAME" in result.stdout and "t.me/" not in result.stdout
    assert not list(tmp_path.iterdir())
    wrong = _ask("--role", "staff", "hello", username="not a bot name")
    assert wrong.returncode == 2 and "BOT_USERNAME 'not a bot name'" in wrong.stderr and "Traceback" not in wrong.stderr
