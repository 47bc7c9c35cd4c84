"""Good practice, the council checklist and local knowledge from the four other seed documents: the counts the
issue asks for, and every quoted text, phone number and named fact checked against the seed document itself.

The seed documents are not shipped with the bot; these tests read them from SEEDS_DIR (default ../shared/seeds
beside the checkout) and say so when they are not there (in CI they must be there).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.kb import KnowledgeBase
from bot.kb.export import export_knowledge

# the project's shared folder sits beside the checkout (../shared/seeds), in CI as on a developer's machine
SEEDS = Path(os.environ.get("SEEDS_DIR") or Path(__file__).resolve().parents[3] / "shared" / "seeds")
TOOLKIT_ISSUES = 23


def normalised(text: str) -> str:
    """Compare texts as a reader would: typographic quotes and dashes, bold markers and line breaks aside."""
    for old, new in (("**", ""), ("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("\\_", "_")):
        text = text.replace(old, new)
    return " ".join(text.split()).casefold()


@pytest.fixture(scope="module")
def seeds() -> dict[str, str]:
    if not SEEDS.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"the seed documents are not at {SEEDS} (CI has ../shared beside the checkout)")
        pytest.skip(f"the seed documents are not at {SEEDS}: set SEEDS_DIR to check quotes against them")
    return {path.name: normalised(path.read_text(encoding="utf-8")) for path in SEEDS.glob("*.txt")}


def seed_of(source: str) -> str:
    return source.split(",", 1)[0]


def test_export_carries_the_counts_the_issue_asks_for(kb: KnowledgeBase) -> None:
    data = export_knowledge(kb)
    toolkit_ids = {i["id"] for i in data["issues"] if i["toolkit"]}
    assert len(toolkit_ids) == TOOLKIT_ISSUES
    assert len(data["practices"]) >= 40
    linked = {issue for practice in data["practices"] for issue in practice["issues"]} & toolkit_ids
    assert len(linked) >= 18, sorted(toolkit_ids - linked)
    assert len(data["checklist"]) == 30
    assert len({item["group"] for item in data["checklist"]}) == 8
    areas = {area["id"]: area for area in data["areas"]}
    assert set(areas) == {"east-of-england", "east-midlands", "derby"}
    assert all(len(area["items"]) >= 15 for area in areas.values())
    for practice in data["practices"]:
        assert set(practice) >= {"id", "title", "text", "body", "issues", "source", "year"}
        assert seed_of(practice["source"]) in {"001_68d1df532e05cb0b.txt", "002_965bc09acfc41f18.txt"}
    for area in areas.values():
        for item in area["items"]:
            assert set(item) >= {"id", "kind", "text", "issues", "source", "year", "phones", "urls"}
            assert item["kind"] in ("fact", "service", "action")


def test_every_quoted_text_is_in_its_seed_document(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    quoted: list[tuple[str, str, str]] = []  # (where, source, text)
    for practice in kb.practices:
        if practice.quoted:
            quoted.append((practice.id, practice.source, practice.text))
            if practice.result:
                quoted.append((practice.id, practice.source, practice.result))
    assert kb.checklist is not None
    for group, item in kb.checklist.items:  # the checklist is printed as in the source
        quoted.extend([(group.id, kb.checklist.source, group.title), (item.id, kb.checklist.source, item.text)])
    for area in kb.areas:
        quoted.extend((f"{area.id}/{i.id}", i.source, i.text) for i in area.items if i.quoted)
    for issue in kb.issues:
        quoted.extend(
            (issue.id, source, issue.actions[n])
            for n, source in enumerate(issue.action_sources)
            if source and normalised(issue.actions[n]) in seeds[seed_of(source)]
        )
    assert len(quoted) >= 100
    missing = [where for where, source, text in quoted if normalised(text) not in seeds[seed_of(source)]]
    assert missing == []


def test_phones_and_addresses_are_as_printed(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    checked = 0
    for area in kb.areas:
        for item in area.items:
            seed = seeds[seed_of(item.source)]
            for phone in item.phones:
                assert normalised(phone.number) in seed, (area.id, item.id, phone.number)
                checked += 1
            for url in item.urls:
                bare = url.removeprefix("http://").removeprefix("https://")
                assert normalised(bare) in seed, (area.id, item.id, url)
    assert checked >= 10


def test_a_practice_from_001_against_its_source(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    practice = next(p for p in kb.practices if p.id == "wandsworth-ukba-illegal-working")
    assert practice.body.startswith("London Borough of Wandsworth")
    assert "five Notices of Potential Liability" in (practice.result or "")
    assert practice.year == 2009 and practice.quoted
    assert normalised(practice.result or "") in seeds["001_68d1df532e05cb0b.txt"]
    summary = next(p for p in kb.practices if p.id == "westminster-rough-sleepers-reconnection")
    assert not summary.quoted and "600" in (summary.result or "")
    assert "has helped around 600 individuals return home" in seeds["001_68d1df532e05cb0b.txt"]


def test_the_checklist_from_002_against_its_source(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    assert kb.checklist is not None
    titles = [g.title for g in kb.checklist.groups]
    assert (
        titles[0] == "developing data and evidence" and titles[-1] == "encouraging actions to build community cohesion"
    )
    tension = next(item for _, item in kb.checklist.items if item.id == "tension-monitoring")
    assert tension.issues == ("community-tensions",)
    assert normalised("develop a cross-agency tension monitoring system") in seeds["002_965bc09acfc41f18.txt"]
    humber = next(p for p in kb.practices if p.id == "humber-tension-monitoring")
    assert "community tension monitoring system" in seeds["002_965bc09acfc41f18.txt"]
    assert humber.body == "Humber Improvement Partnership"


def test_a_derby_fact_from_003_against_its_source(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    items = {i.id: i for _, i in kb.area_items("derby", "data-collection")}
    fact = items["born-outside-uk"]
    assert "34,600 Derby residents" in fact.text and fact.year == 2013 and fact.kind == "fact"
    assert normalised(fact.text) in seeds["003_69bba1ee670173da.txt"]
    hate = {i.id: i for _, i in kb.area_items("derby", "community-tensions")}["stop-hate-uk"]
    assert hate.kind == "service" and hate.for_migrants and not hate.sensitive
    assert normalised("jointly commission a charity; Stop Hate UK") in seeds["003_69bba1ee670173da.txt"]


def test_an_east_midlands_contact_from_004_as_printed(kb: KnowledgeBase, seeds: dict[str, str]) -> None:
    items = {i.id: i for _, i in kb.area_items("east-midlands", "data-collection")}
    lgem = items["local-government-east-midlands"]
    assert [p.number for p in lgem.phones] == ["01664 502 555", "01664 568 201"]
    assert lgem.emails == ("info@lg-em.gov.uk",) and "LE13 0UL" in (lgem.address or "")
    assert normalised("Telephone 01664 502 555") in seeds["004_117d502e6d9bbad1.txt"]
    uasc = {i.id: i for _, i in kb.area_items("east-midlands", "missing-from-care")}["uasc-numbers"]
    assert uasc.text == "72 unaccompanied asylum seeking children (February 2008)" and uasc.year == 2008


def test_derby_includes_the_east_midlands(kb: KnowledgeBase) -> None:
    areas = [area.id for area, _ in kb.area_items("derby", "nrpf")]
    assert areas[0] == "derby" and "east-midlands" in areas
    assert areas == sorted(areas, key=lambda area: area != "derby")  # Derby's own items first


def test_names_from_the_seeds_stay_out_of_the_texts(kb: KnowledgeBase) -> None:
    """Personal names printed in the seeds are kept only in `people:` fields, never in a text a reader sees."""
    names = {name.split(",")[0].split(" (")[0] for area in kb.areas for name in area.people}
    names |= {name.split(" (")[0] for area in kb.areas for item in area.items for name in item.people}
    names |= {name.split(" (")[0] for practice in kb.practices for name in practice.people}
    assert {"Dawn Robinson", "Cllr Ken Armstrong", "Leonie McCarthy", "Loretta Hurley"} <= names
    surnames = {name.split()[-1] for name in names}
    texts = [p.text + (p.result or "") + p.title + p.body for p in kb.practices]
    texts += [i.text + (i.address or "") for a in kb.areas for i in a.items]
    texts += [i.summary + (i.guidance or "") + " ".join(i.actions) for i in kb.issues if not i.from_toolkit]
    assert [s for s in surnames if any(s in text for text in texts)] == []


def test_sensitive_facts_are_flagged(kb: KnowledgeBase) -> None:
    derby = kb.area("derby")
    assert derby is not None
    sensitive = {i.id for i in derby.items if i.sensitive}
    assert {"hiv-ratio", "roma-crime-claims", "asb-named-locations", "health-needs-assessment"} <= sensitive
    assert not any(i.for_migrants for i in derby.items if i.sensitive)
    streets = ("Goodale St", "Havelock Rd", "Clarence Rd", "Stanton St", "Almond St")
    assert not any(street in i.text for i in derby.items for street in streets)
