"""Every journey through the real Telegram stack: python-telegram-bot against the fake Bot API server."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.e2e.conftest import Running
from tests.qrcodes import decode_qr

USER = 5001


async def sent(bot: Running, count: int = 1, chat_id: int = USER, method: str = "sendMessage") -> list[Any]:
    return await asyncio.to_thread(bot.fake.wait_for, method, count, 10.0, chat_id)


def buttons(call: Any) -> list[tuple[str, str]]:
    markup = call.params.get("reply_markup") or {}
    return [(b["text"], b.get("callback_data", "")) for row in markup.get("inline_keyboard", []) for b in row]


def press(bot: Running, call: Any, label: str, user: int = USER) -> None:
    data = dict(buttons(call))[label]
    bot.fake.push_callback(user, data)


async def choose_role(bot: Running, label: str) -> None:
    """/start, then press the role button `label`; recorded calls are cleared afterwards."""
    bot.fake.push_command(USER, "start")
    [start] = await sent(bot)
    bot.fake.reset()
    press(bot, start, label)
    await sent(bot, method="editMessageText")
    await bot.settled()
    bot.fake.reset()


async def test_start_offers_language_and_role(bot: Running) -> None:
    bot.fake.push_command(USER, "start")
    [reply] = await sent(bot)
    assert "information and signposting about migration" in reply.params["text"]
    labels = [label for label, _ in buttons(reply)]
    assert "I work with migrants" in labels and "I need help for myself" in labels
    bot.fake.reset()
    press(bot, reply, "Choose language")
    [menu] = await sent(bot, method="editMessageText")
    names = [label for label, _ in buttons(menu)]
    assert {"Polski", "Slovenčina", "Čeština", "English"} <= set(names)


async def test_staff_question_gets_the_toolkit_card(bot: Running) -> None:
    await choose_role(bot, "I work with migrants")
    bot.fake.push_message(USER, "refugee has to leave asylum housing in 28 days, what can we do?")
    [card] = await sent(bot)
    text = card.params["text"]
    assert "Transition from dispersal accommodation" in text
    assert "Home Office" in text.splitlines()[1] and "LAA Toolkit of 2008" in text  # the staff answer leads
    labels = [label for label, _ in buttons(card)]
    assert {"Contacts", "More", "Show in another language", "👍", "👎"} <= set(labels)
    assert all(len(data.encode()) <= 64 for _, data in buttons(card))
    bot.fake.reset()
    press(bot, card, "More")
    [more] = await sent(bot, method="editMessageText")
    assert "Recommended actions" in more.params["text"] and "NI 156" in more.params["text"]
    bot.fake.reset()
    press(bot, more, "Back")
    [again] = await sent(bot)
    bot.fake.reset()
    press(bot, again, "Contacts")
    [contacts] = await sent(bot, method="editMessageText")
    assert "01284-729433" in contacts.params["text"] and "may have changed" in contacts.params["text"]


async def test_migrant_question_in_polish_gets_guidance_and_services(bot: Running) -> None:
    bot.fake.push_message(USER, "szukam darmowego kursu angielskiego dla dorosłych", language_code="pl")
    [card] = await sent(bot)
    text = card.params["text"]
    pl = bot.services.core.catalogs.translator("pl")
    assert "Angielski" in text and "ESOL" in text  # the card is in Polish
    assert pl.gettext("Draft translation, not yet checked by a native speaker.") in text
    bot.fake.reset()
    press(bot, card, pl.gettext("Contacts"))
    [services] = await sent(bot, method="editMessageText")
    assert "https://www.gov.uk/improve-english-maths-it-skills" in services.params["text"]  # services with links


async def test_show_in_another_language(bot: Running) -> None:
    bot.fake.push_message(USER, "my landlord puts 12 people in a 3 bedroom house")
    [card] = await sent(bot)
    bot.fake.reset()
    press(bot, card, "Show in another language")
    [menu] = await sent(bot)  # a new message: the card stays on screen
    bot.fake.reset()
    press(bot, menu, "Polski")
    [shown] = await sent(bot)
    assert "Overcrowding" in shown.params["text"] or "HMO" in shown.params["text"]


async def test_no_match_is_honest_and_offers_topics(bot: Running) -> None:
    bot.fake.push_message(USER, "who won the football last night")
    [reply] = await sent(bot)
    assert "do not have information" in reply.params["text"]
    assert "Citizens Advice" in reply.params["text"]
    assert "Topics" in [label for label, _ in buttons(reply)]


async def test_topics_browse_to_a_card(bot: Running) -> None:
    bot.fake.push_command(USER, "topics")
    [themes] = await sent(bot)
    bot.fake.reset()
    press(bot, themes, "Destitution")
    [issues] = await sent(bot, method="editMessageText")
    bot.fake.reset()
    label = next(label for label, _ in buttons(issues) if "recourse" in label.lower())
    press(bot, issues, label)
    [card] = await sent(bot)
    assert "No recourse to public funds" in card.params["text"]


async def test_contacts_search(bot: Running) -> None:
    bot.fake.push_command(USER, "contacts", "NARIC")
    [reply] = await sent(bot)
    assert "National Academic Recognition Information Centre" in reply.params["text"]
    bot.fake.reset()
    bot.fake.push_command(USER, "contacts", "Gangmasters")
    [reply] = await sent(bot)
    assert "Gangmasters Licensing Authority" in reply.params["text"]


async def test_crisis_comes_first(bot: Running) -> None:
    bot.fake.push_message(USER, "nie chcę już żyć, chcę się zabić dzisiaj", language_code="pl")
    first = (await sent(bot))[0]
    assert "999" in first.params["text"] and "116 123" in first.params["text"]


async def test_help_privacy_and_forget(bot: Running) -> None:
    await choose_role(bot, "I need help for myself")
    from telegram import User

    key = bot.services.key(User(USER, "Test", False))
    assert await bot.services.store.rows_about(key) == 1
    bot.fake.reset()
    bot.fake.push_command(USER, "privacy")
    [privacy] = await sent(bot)
    assert "do not store your messages" in privacy.params["text"]
    bot.fake.reset()
    bot.fake.push_command(USER, "forget")
    [done] = await sent(bot)
    assert "deleted" in done.params["text"]
    await bot.settled()
    assert await bot.services.store.rows_about(key) == 0


async def test_feedback_is_stored(bot: Running) -> None:
    bot.fake.push_message(USER, "where can I learn English in the evening")
    [card] = await sent(bot)
    press(bot, card, "👍")
    await sent(bot, method="answerCallbackQuery", chat_id=None)  # type: ignore[arg-type]
    from telegram import User

    key = bot.services.key(User(USER, "Test", False))
    await bot.settled()
    assert await bot.services.store.rows_about(key) == 1


async def test_inline_mode_offers_cards(bot: Running) -> None:
    bot.fake.push_inline_query(USER, "overcrowding")
    [answer] = await sent(bot, method="answerInlineQuery", chat_id=None)  # type: ignore[arg-type]
    results = answer.params["results"]
    assert results and results[0]["id"] == "overcrowding-hmos"


async def test_old_button_gets_a_sensible_answer(bot: Running) -> None:
    bot.fake.push_message(USER, "hello")
    [greeting] = await sent(bot)
    bot.fake.reset()
    bot.fake.push_callback(USER, "v0:whatever:from-an-old-version")
    [reply] = await sent(bot, method="editMessageText")
    assert "expired" in reply.params["text"]
    assert greeting.ok


async def test_a_failure_is_reported_not_silent(bot: Running) -> None:
    bot.fake.fail_next("sendMessage", status=400, retry_after=None, description="Bad Request: chat not found")
    bot.fake.push_message(USER, "where can I learn English")
    [apology] = await sent(bot)
    assert "something went wrong" in apology.params["text"]


async def test_one_persons_settings_never_reach_another(bot: Running) -> None:
    bot.fake.push_command(USER, "language")
    [menu] = await sent(bot)
    bot.fake.reset()
    press(bot, menu, "Polski")
    await sent(bot, method="editMessageText")
    [asked] = await sent(bot)  # no role yet: it is asked, in Polish
    assert "Pracujesz z migrantami" in asked.params["text"]
    bot.fake.reset()
    other = USER + 1
    bot.fake.push_message(other, "where can I learn English?", language_code="en")
    [reply] = await sent(bot, chat_id=other)
    assert "English for Speakers of Other Languages" in reply.params["text"]  # English, not the first user's Polish
    bot.fake.push_message(USER, "where can I learn English?")
    [mine] = await sent(bot, chat_id=USER)
    assert "Angielski" in mine.params["text"]


async def test_start_greets_in_the_client_language(bot: Running) -> None:
    bot.fake.push_command(USER + 7, "start", language_code="cs")
    [reply] = await sent(bot, chat_id=USER + 7)
    cs = bot.services.core.catalogs.translator("cs")
    assert cs.gettext("Hello! I give information and signposting about migration in the UK.") in reply.params["text"]
    assert cs.gettext("I work with migrants") in [label for label, _ in buttons(reply)]


async def test_a_link_from_a_worker_opens_the_migrant_card_in_the_clients_language(bot: Running) -> None:
    client = USER + 11
    bot.fake.push_command(client, "start", "c_nrpf_ro", language_code="en")  # an English phone, a Romanian link
    greeting, card = await sent(bot, 2, chat_id=client)
    ro = bot.services.core.catalogs.translator("ro")
    assert greeting.params["text"] == ro.gettext("Hello! Ask me a question in your own words, or browse the topics.")
    conversation = bot.services.core.conversation
    issue = conversation.kb.issue("nrpf")
    assert issue is not None
    title = conversation.context("ro", "migrant").issue_title(issue)
    assert title != conversation.context("en", "migrant").issue_title(issue) and title in card.params["text"]
    assert ro.gettext("Staff view") in [label for label, _ in buttons(card)]  # the migrant view, with a way to staff


async def test_send_to_my_client_gives_a_link_and_a_qr_photo(bot: Running) -> None:
    await choose_role(bot, "I work with migrants")
    bot.fake.push_message(USER, "no recourse to public funds")
    [card] = await sent(bot)
    bot.fake.reset()
    press(bot, card, "📲 Send to my client")
    [picker] = await sent(bot)
    bot.fake.reset()
    press(bot, picker, "Română")
    [photo] = await sent(bot, method="sendPhoto")
    [text] = await sent(bot, method="editMessageText")
    url = f"https://t.me/{bot.fake.bot_user['username']}?start=c_nrpf_ro"
    assert url in photo.params["caption"] and url in text.params["text"]
    assert decode_qr(photo.params["photo"]["data"]) == [url]  # the photo Telegram got holds exactly the link


async def test_a_card_button_still_works_after_a_restart(start_bot: Any) -> None:
    async with start_bot() as first:
        first.fake.push_message(USER, "my landlord puts 12 people in a 3 bedroom house")
        [card] = await sent(first)
        data = dict(buttons(card))["More"]
    async with start_bot() as second:  # a new process: nothing in memory from the first
        second.fake.push_message(USER, "hello")
        await sent(second)
        second.fake.reset()
        second.fake.push_callback(USER, data)
        [more] = await sent(second, method="editMessageText")
        assert "NI 12" in more.params["text"]


async def test_chosen_area_is_remembered_and_adds_local_information(bot: Running) -> None:
    await choose_role(bot, "I work with migrants")
    bot.fake.push_command(USER, "area")
    [menu] = await sent(bot)
    assert [label for label, _ in buttons(menu)] == ["East of England", "East Midlands", "Derby", "No area"]
    bot.fake.reset()
    press(bot, menu, "Derby")
    [done] = await sent(bot, method="editMessageText")
    assert "Area set: Derby." in done.params["text"]
    bot.fake.reset()
    bot.fake.push_message(USER, "fly-tipping and overflowing bins keep coming back on our streets, what has worked?")
    [card] = await sent(bot)
    text = card.params["text"]
    assert "Waste, noise and problems between neighbours" in text
    labels = dict(buttons(card))
    if "Local information: Derby" not in text:  # the first message is full: the local information is a press away
        bot.fake.reset()
        press(bot, card, next(label for label in labels if label.startswith("📍 Derby")))
        [shown] = await sent(bot, method="editMessageText")
        text = shown.params["text"]
        card = shown
        bot.fake.reset()
        press(bot, card, "Back")
        [card] = await sent(bot)
        labels = dict(buttons(card))
    assert "Local information: Derby" in text and "Derby New Communities Strategy (draft), 2013" in text
    assert "💡 What others did" in labels
    bot.fake.reset()
    press(bot, card, "💡 What others did")
    [others] = await sent(bot, method="editMessageText")
    assert "What others did" in others.params["text"] and "Source:" in others.params["text"]
    await bot.settled()  # stored after the replies went out
    key = bot.services.key(type("U", (), {"id": USER})())  # type: ignore[arg-type]
    assert await bot.services.store.preferences(key) == (None, "staff", "derby")


async def test_checklist_command(bot: Running) -> None:
    bot.fake.push_command(USER, "checklist")
    [reply] = await sent(bot)
    assert "Council checklist" in reply.params["text"]
    bot.fake.reset()
    press(bot, reply, "Managing communications")
    [group] = await sent(bot, method="editMessageText")
    assert "Build a working relationship with the local media" in group.params["text"]
    assert "Host community awareness" in [label for label, _ in buttons(group)]


MEDIA = {
    "voice": {"file_id": "v1", "file_unique_id": "uv1", "duration": 3},
    "photo": [{"file_id": "p1", "file_unique_id": "up1", "width": 90, "height": 90}],
    "sticker": {
        "file_id": "s1", "file_unique_id": "us1", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False,
    },
    "location": {"latitude": 52.92, "longitude": -1.47},
    "contact": {"phone_number": "+440000000000", "first_name": "Someone"},
    "document": {"file_id": "d1", "file_unique_id": "ud1"},
    "video": {"file_id": "w1", "file_unique_id": "uw1", "width": 90, "height": 90, "duration": 2},
}  # fmt: skip


async def test_a_message_without_text_gets_a_kind_answer_in_the_users_language(bot: Running) -> None:
    uk = bot.services.core.catalogs.translator("uk")
    expected = uk.gettext("I can only read text messages. Please type your question, or choose /topics.")
    assert expected != "I can only read text messages. Please type your question, or choose /topics."
    for n, (kind, content) in enumerate(MEDIA.items(), start=1):
        bot.fake.push_media(USER, kind, content, language_code="uk")
        replies = await sent(bot, n)
        assert expected in replies[-1].params["text"], kind
        assert uk.gettext("Topics") in dict(buttons(replies[-1])), kind


async def test_a_photo_with_a_caption_is_read_as_a_question(bot: Running) -> None:
    photo = MEDIA["photo"]
    bot.fake.push_media(USER, "photo", photo, caption="where can I learn English")
    [card] = await sent(bot)
    assert "I can only read text messages" not in card.params["text"]
    assert "ESOL" in card.params["text"]


async def test_a_follow_up_is_read_with_the_previous_topic_in_polish(bot: Running) -> None:
    person = 5077  # a person of their own: the brief memory of a topic is per person
    bot.fake.push_message(person, "uchodźca musi w ciągu 28 dni opuścić mieszkanie azylowe", language_code="pl")
    [card] = await sent(bot, chat_id=person)
    assert "Mieszkalnictwo" in card.params["text"]
    bot.fake.reset()
    bot.fake.push_message(person, "a dla dzieci?", language_code="pl")
    [children] = await sent(bot, chat_id=person)
    assert children.params["text"].startswith("<i>W nawiązaniu do „")  # following on from the housing topic
    assert "Dzieci i młodzież" in children.params["text"]
    back = [label for label, _ in buttons(children) if label.startswith("↪")]
    assert back and "Opuszczenie" in back[0]  # one tap back to the housing card
    bot.fake.reset()
    bot.fake.push_message(person, "a w Slough?", language_code="pl")
    [again] = await sent(bot, chat_id=person)
    assert again.params["text"].startswith("<i>Na temat „")  # still about the children's topic


async def test_contacts_for_housing_lists_housing_services_only(bot: Running) -> None:
    bot.fake.push_command(USER, "contacts", "housing")
    [reply] = await sent(bot)
    assert "Shelter" in reply.params["text"] and "Samaritans" not in reply.params["text"]
