"""Which contacts fit a `/contacts` search, best first — and only those that fit.

Two kinds of evidence, each 0..1:
- **the words**: the share of the search's words (common words left out) found in what the reader sees of a
  contact — its name and organisation (full weight) or its description (a little less) — in English and in the
  reader's language, inflected forms and small typos allowed; a word many contacts share ("help", "free") weighs
  less than a word few have ("housing" finds "CLG Refugee Housing Protocol" and
  the advice line whose description says "housing"; "NARIC" finds NARIC and UK ENIC, "formerly NARIC");
- **the topics**: the matcher's issues for the words ("mieszkanie", "homeless family", "school place"), and the
  contacts and services each issue lists; an issue's score carries over to its contacts. For a migrant the
  toolkit's own 2008 contacts (Annex 2, written for councils) weigh less than the services written for them.

A contact's relevance is the stronger of the two, with a small bonus when both agree. Contacts under RELEVANT,
or far below the best one (under CLOSE x best), are left out: a search for "housing" shows housing services, not
the whole directory.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.kb.model import Contact, KnowledgeBase
from bot.match.index import folded_stopwords
from bot.match.matcher import Match
from bot.text.normalise import tokens

RELEVANT = 0.5  # a contact below this is not shown
CLOSE = 0.6  # ... nor one below this share of the best contact's relevance
DESCRIBED = 0.8  # a word found only in the description weighs this much of a word in the name
BOTH = 0.2  # bonus (times the weaker evidence) when the words and the topics agree
TOOLKIT_FOR_MIGRANTS = 0.6  # the toolkit's Annex 2 contacts (2008, written for councils), for a migrant
MIN_PREFIX = 4  # "housing" / "houses": a shared beginning of this many letters, for words at least this long
INFLECTED = 0.6  # the shorter of two words sharing a beginning is at least this share of the longer one
SIMILAR = 85  # rapidfuzz ratio for a small typo ("shelterr")
RARE = 3  # a word found in at most this many contacts names them well; a word many share tells less


@dataclass(frozen=True)
class ContactWords:
    """What a reader can search a contact by: its name and organisation, and its description."""

    name: str
    description: str


def rank_contacts(
    kb: KnowledgeBase,
    query: str,
    topics: Sequence[Match],
    words_of: Callable[[Contact], ContactWords],
    migrant: bool = False,
) -> list[Contact]:
    """The contacts that fit `query`, most relevant first. `topics`: the matcher's issues for the query."""
    stop = frozenset().union(*(folded_stopwords(kb, lang) for lang in kb.stopwords))
    asked = list(dict.fromkeys(w for w in tokens(query) if w not in stop)) or list(dict.fromkeys(tokens(query)))
    served = _served(kb, topics, migrant)
    seen = [words_of(contact) for contact in kb.contacts]
    names = [set(tokens(words.name)) for words in seen]
    descriptions = [set(tokens(words.description)) for words in seen]
    weights = _weights(asked, [n | d for n, d in zip(names, descriptions, strict=True)])
    scored: list[tuple[float, int, Contact]] = []
    for order, contact in enumerate(kb.contacts):
        by_words = _share(asked, weights, names[order], descriptions[order])
        by_topic = served.get(contact.id, 0.0)
        relevance = max(by_words, by_topic) + BOTH * min(by_words, by_topic)
        if relevance >= RELEVANT:
            scored.append((relevance, order, contact))
    if not scored:
        return []
    best = max(relevance for relevance, _, _ in scored)
    kept = [(r, order, c) for r, order, c in scored if r >= CLOSE * best]
    kept.sort(key=lambda item: (-item[0], item[2].historical is not None, item[1]))
    return [contact for _, _, contact in kept]


def _served(kb: KnowledgeBase, topics: Sequence[Match], migrant: bool) -> dict[str, float]:
    """Each contact listed by a matched issue, with the best score of the issues that list it."""
    served: dict[str, float] = {}
    for match in topics:
        issue = kb.issue(match.issue)
        if issue is None:
            continue
        for cid in (*issue.services, *issue.staff_services, *issue.contacts):
            weight = TOOLKIT_FOR_MIGRANTS if migrant and cid in issue.contacts else 1.0
            served[cid] = max(served.get(cid, 0.0), match.score * weight)
    return served


def _weights(asked: Sequence[str], contacts: Sequence[set[str]]) -> dict[str, float]:
    """How much each word of the search tells: 1 for a word found in at most RARE contacts ("NARIC", "Shelter"),
    less for a word many contacts share ("help", "free", "work")."""
    weights = {}
    for word in asked:
        df = sum(1 for words in contacts if _found(word, words))
        weights[word] = 1.0 if df <= RARE else max(0.2, math.log(len(contacts) / df) / math.log(len(contacts) / RARE))
    return weights


def _share(asked: Sequence[str], weights: dict[str, float], name: set[str], description: set[str]) -> float:
    """How much of the search the contact's words explain: each word found in its name counts its weight, in its
    description only DESCRIBED of that, averaged over the words of the search."""
    if not asked:
        return 0.0
    found = 0.0
    for word in asked:
        if _found(word, name):
            found += weights[word]
        elif _found(word, description):
            found += DESCRIBED * weights[word]
    return found / len(asked)


def _found(word: str, words: Iterable[str]) -> bool:
    for other in words:
        if word == other:
            return True
        if min(len(word), len(other)) >= MIN_PREFIX and word[:MIN_PREFIX] == other[:MIN_PREFIX]:
            shorter, longer = sorted((word, other), key=len)
            # an inflected form ("houses", "housing"; "dzieci", "dzieciom"), not a longer word ("home", "homeless")
            if len(shorter) >= INFLECTED * len(longer) and longer.startswith(
                shorter[: max(MIN_PREFIX, len(shorter) - 2)]
            ):
                return True
        if min(len(word), len(other)) > MIN_PREFIX and fuzz.ratio(word, other) >= SIMILAR:
            return True
    return False
