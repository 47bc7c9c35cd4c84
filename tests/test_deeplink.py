"""A link a worker gives a client: it carries only the issue and the language, and /start with it opens the
migrant card in that language, with the greeting in that language."""

from __future__ import annotations

import re

import pytest
import segno

from bot.callbacks import SendToClient, decode, pack
from bot.conversation import Conversation, Profile
from bot.deeplink import parse_start, start_link, start_payload
from bot.effects import SavePreference, Send, SendImage
from bot.languages import LANGUAGES
from bot.qr import BORDER, SCALE, qr_png
from bot.replies import cards, menus


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
    assert image.png == qr_png(url) and url in image.reply.text
    assert image.png.startswith(b"\x89PNG\r\n\x1a\n")
    qr = segno.make_qr(url, error="m")
    side = (qr.symbol_size(scale=SCALE, border=BORDER))[0]
    assert int.from_bytes(image.png[16:20], "big") == side == int.from_bytes(image.png[20:24], "big")
    assert not any(isinstance(e, SavePreference) for e in outcome.effects)  # nothing about the client is kept


def test_the_qr_code_depends_on_the_link() -> None:
    url = "https://t.me/HelpBot?start=c_nrpf_ro"
    assert qr_png(url) != qr_png(url.replace("_ro", "_pl"))


def test_no_link_without_the_bots_username(conversation: Conversation) -> None:
    outcome = conversation.on_button(Profile(lang="en", role="staff"), pack(SendToClient("nrpf", "ro")))
    assert not any(isinstance(e, SendImage) for e in outcome.effects)
