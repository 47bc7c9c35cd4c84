"""Crisis detection in every language: each written positive is caught, ordinary worrying questions are not."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from bot.kb.model import KnowledgeBase
from bot.languages import LANGUAGES
from bot.match import Matcher
from bot.match.crisis import CrisisDetector, CrisisHit
from bot.match.danger import assess
from bot.match.semantic import SemanticScores
from bot.text.normalise import tokens

DATA = Path(__file__).resolve().parents[1] / "data"


def lines(kind: str, lang: str) -> list[str]:
    path = DATA / kind / f"{lang}.txt"
    assert path.is_file(), f"missing test data {path}"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_crisis_message_is_flagged(matcher: Matcher, lang: str) -> None:
    missed = [text for text in lines("crisis_positives", lang) if matcher.match(text).crisis is None]
    assert missed == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ordinary_questions_are_rarely_flagged(matcher: Matcher, lang: str) -> None:
    """Worrying but not urgent (past events, threats of dismissal, a cut last month): the learned signals weigh a
    missed crisis far above a false alarm (a false alarm costs a line with 999), so four in 20 are tolerated in one
    language, and 4% over all of them."""
    flagged = [text for text in lines("crisis_negatives", lang) if matcher.match(text).crisis is not None]
    assert len(flagged) <= 4, flagged


def test_false_alarms_stay_within_four_percent(matcher: Matcher) -> None:
    """These are hard look-alikes (past events, threats, a cut last month): 3% until this round; weighing recall
    first on sets P and Q (0.96 -> 0.98 on P) costs two more of these 280 (10 in all)."""
    texts = [text for lang in LANGUAGES for text in lines("crisis_negatives", lang)]
    flagged = [text for text in texts if matcher.match(text).crisis is not None]
    assert len(flagged) <= 0.04 * len(texts), flagged


def test_crisis_kinds(matcher: Matcher) -> None:
    cases = {
        "I am going to kill myself tonight": "suicide",
        "my employer took my passport and we cannot leave": "trafficking",
        "he is hitting me right now": "violence",
        "my friend is not breathing": "medical",
    }
    for text, kind in cases.items():
        hit = matcher.match(text).crisis
        assert hit is not None and hit.kind == kind, text


@pytest.mark.parametrize(
    "text",
    [
        "my little girl is missing, she was next to me at the bus station a minute ago",
        "córka zaginęła w parku, szukamy jej od godziny",
        "пропал сын 7 лет, ушёл со двора час назад",
        "a dispărut copilul meu din parc acum o oră",
        "dcera zmizela na nádraží, je jí 5 let",
    ],
)
def test_a_child_missing_now_is_a_crisis_about_a_child(matcher: Matcher, text: str) -> None:
    result = matcher.match(text)
    assert result.crisis is not None and result.crisis.kind == "child", result


FORMS = [
    json.loads(line) for line in (DATA / "crisis_forms.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()
]


@pytest.mark.parametrize("form", ["farewell", "farewell-reported", "bondage", "lost-child"])
def test_crises_put_in_easily_missed_ways_get_the_crisis_reply_and_the_right_line(matcher: Matcher, form: str) -> None:
    """Written for this test by a writer who saw no knowledge or training data, in all 14 languages: goodbyes and
    belongings given away (told by the person or by someone who noticed), debt bondage with threats to the family,
    a small child lost just now. Each gets the crisis reply, and its kind's helpline among the lines given (a
    farewell gets the suicide line, not the domestic-abuse one)."""
    cases = [case for case in FORMS if case["form"] == form]
    assert {case["lang"] for case in cases} == set(LANGUAGES)
    wrong = []
    for case in cases:
        result = matcher.match(case["text"])
        if result.crisis is None or case["kind"] not in result.crisis_kinds:
            wrong.append((case["lang"], result.danger, result.crisis_kinds))
    assert wrong == []


def test_a_crisis_phrase_typed_in_latin_letters_counts_inside_a_message_too_mixed_to_be_read(matcher: Matcher) -> None:
    """English words around Russian in Latin letters: too little of it is Russian for the message to be read as
    Russian, but the Russian crisis phrase in it still gives the crisis reply (it got only the one line before)."""
    text = "sorry for my english, segodnya ya pokonchu s soboi"
    assert matcher.translit.read(text) is None
    result = matcher.match(text)
    assert result.crisis is not None and result.crisis_kinds[0] == "suicide"


END_IT_ALL = {  # "end it all", the way each language says it, in a sentence with nothing else alarming
    "cs": "o víkendu to chci všechno ukončit, nikomu to neříkejte",
    "sk": "cez víkend chcem všetko ukončiť a nikto to nevie",
    "pl": "w weekend chcę zakończyć to wszystko, nikt nie wie",
    "hu": "a hétvégén véget vetek mindennek, senki sem tudja",
    "ro": "în weekend vreau să pun capăt la tot, nu știe nimeni",
    "lt": "savaitgalį noriu viską baigti, niekas nežino",
    "lv": "nedēļas nogalē gribu visu izbeigt, neviens nezina",
    "pt": "no fim de semana vou pôr fim a tudo, ninguém sabe",
    "ru": "на выходных хочу покончить со всем, никто не знает",
    "uk": "на вихідних хочу покінчити з усім, ніхто не знає",
    "bg": "през уикенда ще сложа край на всичко, никой не знае",
}


@pytest.mark.parametrize("lang", sorted(END_IT_ALL))
def test_end_it_all_is_a_crisis_phrase_in_every_language(matcher: Matcher, lang: str) -> None:
    """The phrase lists alone catch it (the learned signals may be unsure of a short message): suicide's line."""
    hit = matcher.crisis.detect(tokens(END_IT_ALL[lang]))
    assert hit is not None and hit.kind == "suicide", hit
    assert matcher.match(END_IT_ALL[lang]).crisis_kinds[:1] == ("suicide",)


def test_another_languages_phrase_read_loosely_is_only_a_hint() -> None:
    """Endings and typos are a language's own: the Portuguese "me mata" (kills me) read loosely fired on the English
    "mate" ("mate, me and the lads..."), and gave an ordinary question about pay the crisis reply. Such a hit is now
    `loose`: the one-line "call 999" (cheap, never taken away), not a trusted crisis phrase."""
    kb = KnowledgeBase((), (), (), (), crisis={"pt": {"violence": ("me mata",)}, "cs": {"suicide": ("zabiju se",)}})
    detector = CrisisDetector(kb)
    english = tokens("mate, me and the lads got paid 150 for the whole week, is that legal?")
    unknown = detector.detect(english)  # language unknown: every phrase is read loosely and trusted
    assert unknown is not None and not unknown.loose
    hint = detector.detect(english, "en")
    assert hint is not None and hint.loose
    own = detector.detect(tokens("o meu marido diz que me matará hoje"), "pt")  # its own language: an ending
    assert own is not None and not own.loose
    typed = tokens("dneska se zabijuu")  # a typo of the Czech phrase: trusted in Czech and in Slovak only
    hits = [detector.detect(typed, lang) for lang in ("cs", "sk", "en")]
    assert [hit.loose if hit else None for hit in hits] == [False, False, True]


def test_another_languages_phrase_must_keep_its_word_order() -> None:
    """Free word order is a language's own too: an English message with "me" in one place and "mate's" in another
    fired the Portuguese "me mate" and gave a question about sofa-surfing the crisis reply."""
    kb = KnowledgeBase((), (), (), (), crisis={"pt": {"violence": ("me mate",)}, "en": {"violence": ("hit me",)}})
    detector = CrisisDetector(kb)
    scattered = detector.detect(tokens("I sleep on a mate's couch and he told me to leave by Friday"), "en")
    assert scattered is not None and scattered.loose
    in_order = detector.detect(tokens("socorro, ele disse que me mate"), "en")  # word for word, as written
    assert in_order is not None and not in_order.loose
    own = detector.detect(tokens("me he hit, again, please"), "en")  # its own language: any order
    assert own is not None and not own.loose


def test_a_loose_phrase_gives_the_line_but_not_the_crisis_reply() -> None:
    hint = CrisisHit("violence", "me mata", "pt", loose=True)
    unsure = SemanticScores(np.zeros(1), 0.0, {"violence": -0.01}, look_alike=-0.02, danger_now=0.5)
    danger = assess(hint, 0.0, unsure)
    assert danger.level == "possible" and danger.kinds[0] == "violence"
    assert assess(replace(hint, loose=False), 0.0, unsure).level == "crisis"


SIGNS_NOW = {  # a few words that only come together while the danger is happening (phrases alone, no learned signal)
    "they are throwing bricks through our window right now": "violence",
    "someone is kicking the door in": "violence",
    "the baby's lips are going blue": "medical",
    "purple rash and fever": "medical",
    "her face is drooping": "medical",
    "toddler alone in the flat": "child",
    "am cumparat o funie": "suicide",
}


@pytest.mark.parametrize("text", sorted(SIGNS_NOW))
def test_signs_of_danger_now_are_crisis_phrases(matcher: Matcher, text: str) -> None:
    hit = matcher.crisis.detect(tokens(text))
    assert hit is not None and hit.kind == SIGNS_NOW[text], hit


@pytest.mark.parametrize(
    ("text", "lang", "scattered"),
    [
        ("I don't want to live anymore", "en", False),
        (
            "We don't want any trouble with the neighbours, but it is so hard to live in this street. Who do I tell?",
            "en",
            True,
        ),
        ("Nie chcę już żyć", "pl", False),
        ("Nie chcę robić problemów sąsiadom, ale już ciężko tu żyć z tym hałasem. Do kogo się zgłosić?", "pl", True),
    ],
)
def test_a_phrase_spread_over_a_long_message_is_marked_scattered(
    kb: KnowledgeBase, text: str, lang: str, scattered: bool
) -> None:
    """Every word of a phrase is there, but in different clauses: the find is marked, so that the learned signals
    decide (bot/match/danger.py). Sentences written for this test."""
    hit = CrisisDetector(kb).detect(tokens(text), lang)
    assert hit is not None and hit.kind == "suicide"
    assert hit.scattered is scattered


def test_a_scattered_phrase_counts_only_when_the_learned_signals_do_not_read_the_message_as_ordinary() -> None:
    phrase = CrisisHit("suicide", "don't want to live", "en", scattered=True)
    calm = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"suicide": -0.01}, look_alike=-0.01)
    worrying = SemanticScores(issues=np.zeros(3), off_topic=0.0, crisis={"suicide": 0.01}, look_alike=-0.03)
    assert assess(phrase, -0.05, calm).level == "possible"  # the one line stays
    assert assess(replace(phrase, scattered=False), -0.05, calm).level == "crisis"
    assert assess(phrase, 0.1, worrying).level == "crisis"
