"""Follow-ups in several languages, through the conversation: "and for children?", "a dla dzieci?", "what about
Slough?", "и для детей?" are read with the person's previous topic in mind (bot/followup.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.callbacks import ShowIssue, decode
from bot.conversation import Conversation, Profile
from bot.followup import FollowUpMarkers, after_words
from bot.kb import KnowledgeBase, load_knowledge
from bot.kb.load import KnowledgeError
from bot.memory import ConversationMemory
from bot.replies import Reply

HOUSING = {
    "en": "refugee has to leave asylum housing in 28 days, what can we do?",
    "pl": "uchodźca musi w ciągu 28 dni opuścić mieszkanie azylowe, co możemy zrobić?",
    "ru": "беженец должен через 28 дней съехать из жилья для просителей убежища, что делать?",
    "pt": "o refugiado tem de sair do alojamento de asilo em 28 dias, o que podemos fazer?",
    "ro": "refugiatul trebuie să părăsească locuința de azil în 28 de zile, ce putem face?",
}
CHILDREN = {
    "en": "and for children?",
    "pl": "a dla dzieci?",
    "ru": "и для детей?",
    "pt": "e para as crianças?",
    "ro": "și pentru copii?",
}
PLACE = {
    "en": "what about Slough?",
    "pl": "a w Slough?",
    "ru": "а в Слау?",
    "pt": "e em Slough?",
    "ro": "și în Slough?",
}


@pytest.fixture
def talk(conversation: Conversation) -> Conversation:
    return Conversation(conversation.kb, conversation.matcher, conversation.catalogs, ConversationMemory())


def ask(talk: Conversation, lang: str, text: str, person: str) -> Reply:
    return talk.on_text(Profile(lang=lang, role="staff"), text, person).replies[-1]


def first_topic(talk: Conversation, lang: str, person: str) -> str:
    outcome = talk.on_text(Profile(lang=lang, role="staff"), HOUSING[lang], person)
    assert outcome.result is not None and outcome.result.matches[0].issue == "refugee-move-on", outcome.result
    return talk.context(lang, "staff").issue_title(talk.kb.issue("refugee-move-on"))  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", sorted(HOUSING))
def test_a_place_after_a_topic_gives_the_same_card_about_it(talk: Conversation, lang: str) -> None:
    title = first_topic(talk, lang, "p")
    reply = ask(talk, lang, PLACE[lang], "p")
    about = talk.catalogs.translator(lang).gettext("About {topic}:", topic=title)
    assert reply.text.startswith(about)
    assert "28" in reply.text  # the move-on card's own answer, in the person's language


@pytest.mark.parametrize("lang", sorted(CHILDREN))
def test_and_for_children_after_housing_gives_a_childrens_topic_following_on_from_housing(
    talk: Conversation, lang: str
) -> None:
    title = first_topic(talk, lang, "p")
    reply = ask(talk, lang, CHILDREN[lang], "p")
    following = talk.catalogs.translator(lang).gettext("Following on from “{topic}”:", topic=title)
    assert reply.text.startswith(following), reply.text[:200]
    shown = [i for i in talk.kb.issues if talk.context(lang, "staff").issue_title(i) in reply.text.splitlines()[1]]
    assert shown and shown[0].theme == "children-young-people", reply.text[:200]
    back = [decode(b.data) for row in reply.buttons for b in row if b.text.startswith("↪")]
    assert isinstance(back[0], ShowIssue) and back[0].issue == "refugee-move-on"  # one tap back to housing


def test_the_new_topic_is_the_one_the_next_follow_up_refers_to(talk: Conversation) -> None:
    first_topic(talk, "en", "p")
    children = ask(talk, "en", "and for children?", "p")
    title = children.text.splitlines()[1].split(" › ")[-1]
    again = ask(talk, "en", "what about Slough?", "p")
    assert again.text.startswith(f"About {title}:")


def test_a_clear_new_topic_after_and_is_answered_with_where_it_follows_from(talk: Conversation) -> None:
    first_topic(talk, "en", "p")
    reply = ask(talk, "en", "and what about English classes for him?", "p")
    assert reply.text.startswith("Following on from “")
    assert "English for Speakers of Other Languages" in reply.text.splitlines()[1]


def test_without_a_previous_topic_a_follow_up_is_an_ordinary_question(talk: Conversation) -> None:
    reply = ask(talk, "en", "and for children?", "nobody-yet")
    assert not reply.text.startswith(("About", "Following on"))
    reply = ask(talk, "pl", "a w Slough?", "nobody-else")
    assert not reply.text.startswith("Na temat")


def test_a_long_question_starting_with_and_is_not_a_follow_up(talk: Conversation) -> None:
    first_topic(talk, "en", "p")
    long = "and my employer keeps my passport and pays me two pounds an hour for picking vegetables"
    reply = ask(talk, "en", long, "p")
    assert not reply.text.startswith(("About", "Following on"))


def test_markers_are_read_longest_first_and_the_rest_is_kept_as_typed(kb: KnowledgeBase) -> None:
    markers = FollowUpMarkers(kb)
    assert markers.marker_words("a co ze Slough?", ("pl",)) == 3
    assert markers.marker_words("a dla dzieci?", ("pl",)) == 2
    assert markers.marker_words("a dla dzieci?", ("en",)) == 0  # "a" is not a follow-up in English
    assert markers.marker_words("And what about Slough", ("en",)) == 3
    assert markers.marker_words("и для детей?", (None, "ru")) == 2  # "и для"
    assert markers.marker_words("и что?", (None, "ru")) == 1
    assert after_words("A co ze Slough?", 3) == "Slough"
    assert after_words("и для детей?", 1) == "для детей"
    assert after_words("and", 1) == ""


def test_every_language_has_follow_up_markers(kb: KnowledgeBase) -> None:
    from bot.languages import LANGUAGES

    assert set(kb.follow_ups) == set(LANGUAGES)
    assert all(len(markers) >= 5 for markers in kb.follow_ups.values())


def test_a_marker_that_is_a_whole_question_is_reported_with_its_line(kb_copy: Path) -> None:
    path = kb_copy / "follow-ups/en.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("  - and what about housing for my children")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(kb_copy)
    [problem] = caught.value.problems
    assert problem.path.endswith("follow-ups/en.yaml") and problem.line == len(lines)
    assert "cannot be a follow-up marker" in problem.message
