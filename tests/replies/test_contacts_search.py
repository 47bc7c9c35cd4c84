"""`/contacts <words>`: only the contacts relevant to the words, the right kind of service first, in several
languages; when nothing fits, it says so and offers the topics."""

from __future__ import annotations

import pytest

from bot.callbacks import Theme, decode
from bot.conversation import Conversation, Profile
from bot.kb.model import Contact
from bot.replies import Reply
from bot.replies.contacts import shown_name


def listed(conversation: Conversation, reply: Reply) -> list[Contact]:
    """The contacts a directory reply shows, in order."""
    names = [line[2:].rstrip(" *†") for line in reply.text.splitlines() if line.startswith("• ")]
    ctx_names = {}
    for lang in ("en", "pl", "ru", "pt"):
        ctx = conversation.context(lang, "staff")
        ctx_names.update({shown_name(ctx, c): c for c in conversation.kb.contacts})
    return [ctx_names[name] for name in names]


def search(conversation: Conversation, lang: str, role: str, words: str) -> list[str]:
    reply = conversation.on_command(Profile(lang=lang, role=role), "contacts", words).replies[0]
    return [c.id for c in listed(conversation, reply)]


HOUSING_SERVICES = {"shelter", "gov-uk-private-renting", "migrant-help", "citizens-advice", "annex2-item-07"}


@pytest.mark.parametrize(
    ("lang", "role", "words", "top", "never"),
    [
        ("en", "staff", "housing", HOUSING_SERVICES, {"samaritans", "acas", "uk-enic", "childline", "ons"}),
        ("en", "migrant", "homeless", {"shelter", "streetlink", "nrpf-network"}, {"uk-enic", "acas", "ons"}),
        ("pl", "migrant", "mieszkanie", HOUSING_SERVICES, {"samaritans", "uk-enic", "childline", "ons"}),
        ("ru", "migrant", "жильё", HOUSING_SERVICES, {"samaritans", "uk-enic", "childline", "ons"}),
        ("en", "staff", "NARIC", {"uk-enic", "annex2-item-09"}, {"shelter", "samaritans", "nhs-111"}),
        ("pt", "migrant", "escola para o meu filho", {"gov-uk-school-admissions"}, {"shelter", "acas", "uk-enic"}),
        ("en", "migrant", "exploited at work", {"acas", "modern-slavery-helpline", "glaa"}, {"childline", "ons"}),
        ("pl", "migrant", "lekarz", {"nhs-register-gp", "nhs-111", "doctors-of-the-world"}, {"acas", "shelter"}),
    ],
)
def test_the_top_results_are_the_right_kind_of_service(
    conversation: Conversation, lang: str, role: str, words: str, top: set[str], never: set[str]
) -> None:
    found = search(conversation, lang, role, words)
    assert found and found[0] in top, (words, found)
    assert len(set(found) & top) >= min(2, len(top)), (words, found)  # (a closed body is listed last)
    assert not set(found) & never, (words, found)
    assert len(found) < len(conversation.kb.contacts) // 4  # only the relevant ones, not the directory


def test_housing_no_longer_lists_unrelated_services(conversation: Conversation) -> None:
    reply = conversation.on_command(Profile(lang="en", role="staff"), "contacts", "housing").replies[0]
    assert "For “housing”, the most relevant first:" in reply.text
    assert "Samaritans" not in reply.text and "Childline" not in reply.text and "Acas" not in reply.text


@pytest.mark.parametrize(("lang", "words"), [("en", "xylophone lessons"), ("pl", "naprawa hulajnogi elektrycznej")])
def test_no_contact_for_the_words_says_so_and_offers_the_topics(
    conversation: Conversation, lang: str, words: str
) -> None:
    reply = conversation.on_command(Profile(lang=lang), "contacts", words).replies[0]
    said = conversation.catalogs.translator(lang).gettext(
        "I have no contacts for “{query}”. Here are the topics:", query=words
    )
    assert reply.text == said
    themes = [decode(b.data) for row in reply.buttons for b in row]
    assert len(themes) == len(conversation.kb.themes) and all(isinstance(t, Theme) for t in themes)


def test_without_words_the_whole_directory_is_listed_page_by_page(conversation: Conversation) -> None:
    reply = conversation.on_command(Profile(lang="en"), "contacts").replies[0]
    assert f"{len(conversation.kb.contacts)} contacts" in reply.text and "(1/" in reply.text
