"""The chosen area on cards: staff see what local documents say with source and year, migrants see services and
useful facts, never a sensitive one; phones as printed with their year; no personal names from the seeds."""

from __future__ import annotations

import pytest

from bot.callbacks import ShowLocal, decode
from bot.conversation import Conversation, Profile
from bot.replies import Reply, cards
from bot.replies.areas import area_reply

DERBY_NAMES = ("Dawn Robinson", "Pop Gill", "Banwait", "Armstrong", "Jobarteh", "McCarthy", "Gidney", "Beattie")


def datas(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row]


def card(conversation: Conversation, issue_id: str, role: str, area: str | None, lang: str = "en") -> Reply:
    issue = conversation.kb.issue(issue_id)
    assert issue is not None
    return cards.issue_card(conversation.context(lang, role, area), issue)


def local(conversation: Conversation, reply: Reply, profile: Profile) -> str:
    """What the person sees of the local information: on the card, or behind its 📍 button when the card's
    first message is full."""
    if "📍" in reply.text:
        return reply.text
    data = next(d for d in datas(reply) if isinstance(decode(d), ShowLocal))
    return conversation.on_button(profile, data).replies[0].text


def test_area_menu_sets_and_clears_the_area(conversation: Conversation) -> None:
    menu = conversation.on_command(Profile(), "area").replies[0]
    labels = [b.text for row in menu.buttons for b in row]
    assert labels == ["East of England", "East Midlands", "Derby", "No area"]
    chosen = conversation.on_button(Profile(), next(d for d in datas(menu) if d.endswith(":derby")))
    assert chosen.profile.area == "derby" and "Area set: Derby." in chosen.replies[0].text
    again = conversation.on_command(chosen.profile, "area").replies[0]
    assert "✓ Derby" in [b.text for row in again.buttons for b in row] and "Now: Derby." in again.text
    cleared = conversation.on_button(chosen.profile, "v1:A:-")
    assert cleared.profile.area is None and "general information only" in cleared.replies[0].text
    stale = conversation.on_button(chosen.profile, "v1:A:leeds")
    assert stale.profile.area == "derby"  # an unknown area changes nothing


def test_without_an_area_the_card_has_no_local_section(conversation: Conversation) -> None:
    assert "Local information" not in card(conversation, "community-tensions", "staff", None).text


def test_staff_card_adds_the_derby_documents_with_source_and_year(conversation: Conversation) -> None:
    reply = card(conversation, "community-tensions", "staff", "derby")
    text = local(conversation, reply, Profile(role="staff", area="derby"))
    assert "Local information: Derby" in text
    assert "Stop Hate UK, a charity" in text and "(Derby New Communities Strategy (draft), 2013" in text
    everything = conversation.on_button(
        Profile(role="staff", area="derby"),
        next(d for d in datas(reply) if isinstance(decode(d), ShowLocal)),
    ).replies[0]
    full = everything.text
    assert "Community tensions have been experienced between the Roma Community" in full  # a sensitive fact...
    line = next(line for line in full.splitlines() if "Community tensions have been experienced" in line)
    assert "sensitive: for staff only" in line and "Crime, Community Safety and ASB; 2013" in line  # ...flagged, dated
    assert "Develop robust mechanisms for intelligence gathering" in full
    assert full.index("Stop Hate UK") < full.index("Community tensions have been experienced")  # sensitive last


def test_migrant_card_shows_services_never_a_sensitive_fact(conversation: Conversation) -> None:
    kb = conversation.kb
    sensitive = [i for a in kb.areas for i in a.items if i.sensitive]
    assert sensitive
    for issue in kb.issues:
        for area in ("derby", "east-midlands", "east-of-england"):
            for reply in (
                card(conversation, issue.id, "migrant", area),
                area_reply(conversation.context("en", "migrant", area), issue),
            ):
                assert not any(item.text[:80] in reply.text for item in sensitive), (issue.id, area)
    migrant = Profile(role="migrant", area="derby")
    text = local(conversation, card(conversation, "community-tensions", "migrant", "derby"), migrant)
    assert "Stop Hate UK, a charity" in text and "(2013)" in text
    assert "Derby New Communities Strategy" not in text  # migrants get the service, not the citation


def test_derby_lies_within_the_east_midlands(conversation: Conversation) -> None:
    issue = conversation.kb.issue("nrpf")
    assert issue is not None
    full = area_reply(conversation.context("en", "staff", "derby"), issue).text
    assert "454" in full  # Derby's NRPF cases (003)
    assert "1026 people supported under Section 4 arrangements" in full  # the East Midlands figures (004) too
    assert full.index("454") < full.index("1026 people")  # Derby's own first


def test_phones_and_addresses_as_printed_with_their_year(conversation: Conversation) -> None:
    issue = conversation.kb.issue("data-collection")
    assert issue is not None
    full = area_reply(conversation.context("en", "staff", "east-midlands"), issue).text
    assert "☎ 01664 502 555" in full and "☎ 01664 568 201 (Fax)" in full
    assert "The Belvoir Suite, Council Offices, Nottingham Road, Melton Mowbray, Leicestershire LE13 0UL" in full
    assert "Contact details as printed in 2009; they may have changed." in full
    eoe = local(
        conversation,
        card(conversation, "information-advice-guidance", "migrant", "east-of-england"),
        Profile(role="migrant", area="east-of-england"),
    )
    assert "☎ 0871 4231 334 (META (Migrant Worker) Hotline)" in eoe
    assert "Contact details as printed in 2008; they may have changed." in eoe


@pytest.mark.parametrize("role", ["staff", "migrant"])
def test_no_personal_names_from_the_seeds_in_any_local_reply(conversation: Conversation, role: str) -> None:
    """The names kept in `people:` fields never reach the local section of a card or the full local reply."""
    for issue in conversation.kb.issues:
        for area in ("derby", "east-midlands", "east-of-england"):
            whole = card(conversation, issue.id, role, area).text
            local = whole[whole.find("📍") :] if "📍" in whole else ""
            texts = local + area_reply(conversation.context("en", role, area), issue).text
            assert not any(name in texts for name in DERBY_NAMES), (issue.id, area)


def test_migrant_card_in_polish_shows_the_translated_local_service(conversation: Conversation) -> None:
    text = local(
        conversation, card(conversation, "esol", "migrant", "derby", lang="pl"), Profile("pl", "migrant", None, "derby")
    )
    pl = conversation.catalogs
    heading = pl.translator("pl").gettext("Local information: {area}", area="Derby")
    assert heading in text and heading != "Local information: Derby"
    derby = conversation.kb.area("derby")
    assert derby is not None
    english = next(i.text for i in derby.items if i.id == "esol-providers")
    translated = pl.knowledge("pl", "area.derby.esol-providers.text", english).text
    assert translated != english and translated in text


def test_ask_with_an_area_from_the_conversation(conversation: Conversation) -> None:
    outcome = conversation.on_text(
        Profile(role="staff", area="derby"), "fly-tipping and overflowing bins in our streets"
    )
    text = local(conversation, outcome.replies[0], Profile(role="staff", area="derby"))
    assert "Waste, noise and problems between neighbours" in outcome.replies[0].text
    assert "Local information: Derby" in text
