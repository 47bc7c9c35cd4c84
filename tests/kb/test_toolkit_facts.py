"""The shipped knowledge carries the whole LAA toolkit, as printed."""

from __future__ import annotations

from bot.kb import KnowledgeBase
from bot.kb.export import export_knowledge

CONTRACT_IDS = {
    "access-to-information": ["data-collection", "information-advice-guidance", "interpretation-translation"],
    "housing": ["housing-strategic-planning", "overcrowding-hmos", "bonded-accommodation", "refugee-move-on"],
    "skills-employment": [
        "esol",
        "overseas-qualifications",
        "work-experience",
        "eligibility-to-work",
        "exploitation",
    ],
    "health": [
        "health-strategic-planning",
        "health-rights-access",
        "specific-health-needs",
        "health-interpretation",
    ],
    "children-young-people": ["language-support", "schools", "missing-from-care"],
    "community-safety-cohesion": ["host-community-awareness", "unwitting-criminality"],
    "community-development": ["community-organisations"],
    "destitution": ["nrpf"],
}


ADDED_ISSUES = {  # added by the project team from the other seed documents (issue 12)
    "community-safety-cohesion": ["community-tensions", "neighbourhood-issues"],
    "community-development": ["roma-inclusion"],
}


def test_themes_and_issues_follow_the_contract(kb: KnowledgeBase) -> None:
    assert [t.id for t in kb.themes] == list(CONTRACT_IDS)
    for theme, issue_ids in CONTRACT_IDS.items():
        assert sorted(i.id for i in kb.issues_in(theme) if i.from_toolkit) == sorted(issue_ids)
        assert sorted(i.id for i in kb.issues_in(theme) if not i.from_toolkit) == sorted(ADDED_ISSUES.get(theme, []))
    assert len([i for i in kb.issues if i.from_toolkit]) == 23


def test_counts_of_the_whole_toolkit(kb: KnowledgeBase) -> None:
    assert sum(len(i.actions) for i in kb.issues if i.from_toolkit) == 56
    assert [n.number for n in kb.indicators] == list(range(1, 199))
    annex2 = sorted(c.annex2_item for c in kb.contacts if c.annex2_item)
    assert annex2 == list(range(1, 16))


def test_refugee_move_on(kb: KnowledgeBase) -> None:
    issue = kb.issue("refugee-move-on")
    assert issue is not None
    assert issue.audience == ("R",)
    assert len(issue.actions) == 4
    assert issue.contacts == ("annex2-item-07",)
    item7 = kb.contact("annex2-item-07")
    assert item7 is not None and [p.number for p in item7.phones] == ["01284-729433"]
    assert item7.lead_person == "Hannah Shah"
    assert item7.verified is None
    assert "28 day" in issue.summary


def test_indicator_ranges_are_expanded_and_typos_read_right(kb: KnowledgeBase) -> None:
    health = kb.issue("health-strategic-planning")
    assert health is not None
    assert set(range(58, 69)) <= set(health.indicators)
    assert set(range(119, 138)) <= set(health.indicators)
    language = kb.issue("language-support")
    assert language is not None and set(range(72, 99)) <= set(language.indicators)
    iag = kb.issue("information-advice-guidance")
    assert iag is not None and 14 in iag.indicators and "Ni 14" in (iag.indicators_as_printed or "")
    quals = kb.issue("overseas-qualifications")
    assert quals is not None and {163, 164, 165} <= set(quals.indicators)


def test_information_advice_guidance_keeps_its_continued_actions(kb: KnowledgeBase) -> None:
    iag = kb.issue("information-advice-guidance")
    assert iag is not None
    assert len(iag.actions) == 4
    assert "Keystone Development Trust" in iag.actions[3]
    assert iag.contacts == ("annex2-item-03", "annex2-item-04", "annex2-item-05")


def test_annex2_details_as_printed(kb: KnowledgeBase) -> None:
    item3 = kb.contact("annex2-item-03")
    assert item3 is not None
    assert [(p.number, p.label) for p in item3.phones] == [
        ("0871 4231 334", "META (Migrant Worker) Hotline"),
        ("0845 2340 708", "Employers Advice Line"),
    ]
    item6 = kb.contact("annex2-item-06")
    assert item6 is not None and item6.notes and "RD 65" in item6.notes
    assert item6.emails == ("Valerie.gidney@norfolk.gov.uk",)
    assert item6.lead_agency == "Norfolk County Council"
    item15 = kb.contact("annex2-item-15")
    assert item15 is not None and "nrpf_network" in item15.urls[0]


def test_hannah_shahs_two_printed_numbers_are_both_kept(kb: KnowledgeBase) -> None:
    contact_us = kb.contact("toolkit-contact-hannah-shah")
    assert contact_us is not None
    assert [p.number for p in contact_us.phones] == ["(01284) 728 433"]
    assert "Contact us" in contact_us.source
    item8 = kb.contact("annex2-item-08")
    assert item8 is not None and [p.number for p in item8.phones] == ["01284-729433"]
    assert "Annex 2, Item 8" in item8.source


def test_every_issue_for_migrants_has_guidance_and_services(kb: KnowledgeBase) -> None:
    for issue in kb.issues:
        if issue.for_migrants:
            assert issue.guidance and len(issue.guidance.split()) <= 130, issue.id
            assert issue.services, issue.id


def test_added_services_are_marked_unverified(kb: KnowledgeBase) -> None:
    added = [c for c in kb.contacts if not c.from_toolkit]
    assert added
    for contact in added:
        assert contact.verified is None and "needs verification" in contact.source


def test_export_shape(kb: KnowledgeBase) -> None:
    data = export_knowledge(kb)
    assert set(data) >= {"themes", "issues", "contacts", "indicators"}
    issue = next(i for i in data["issues"] if i["id"] == "refugee-move-on")
    assert {"id", "theme", "title", "summary", "audience", "indicators", "actions", "contacts"} <= set(issue)
    contact = next(c for c in data["contacts"] if c["id"] == "annex2-item-07")
    assert contact["phones"] == ["01284-729433"]
    assert contact["emails"] == ["Hannah.shah@eera.gov.uk"]
    assert contact["verified"] is None
    assert sum(len(i["indicators"]) for i in data["issues"]) > 150
