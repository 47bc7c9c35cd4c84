from __future__ import annotations

from bot.text.normalise import MAX_MESSAGE_CHARS, MAX_SENTENCES, clean, fold_word, sentences, tokens, word_set


def test_diacritics_are_folded_including_polish_l() -> None:
    assert tokens("Nemám kde bývať") == ["nemam", "kde", "byvat"]
    assert tokens("Łódź, ŻÓŁW") == ["lodz", "zolw"]
    assert fold_word("lékaře") == "lekare"


def test_invisible_and_control_characters_do_not_split_or_glue_words() -> None:
    assert tokens("hou\u200bsing") == ["housing"]
    assert tokens("a\x00b") == ["a", "b"]
    assert tokens("\u202eevil\u202c text") == ["evil", "text"]


def test_arabic_script_variants_and_article_are_unified() -> None:
    assert fold_word("السكن") == fold_word("سكن")
    assert fold_word("إقامة") == fold_word("اقامة")


def test_persian_zwnj_separates_word_parts() -> None:
    assert tokens("می\u200cخواهم") == [fold_word("می"), fold_word("خواهم")]


def test_long_text_is_cut() -> None:
    assert len(clean("word " * 5000)) <= MAX_MESSAGE_CHARS


def test_english_negative_contractions_with_or_without_apostrophe() -> None:
    assert tokens("he isn't breathing") == tokens("he isnt breathing") == ["he", "is", "not", "breathing"]
    assert tokens("I can't, won't") == ["i", "can", "not", "will", "not"]


def test_vowel_signs_do_not_split_a_word() -> None:
    """Arabic and Persian harakat (and stray combining accents) are dropped, not treated as word breaks."""
    assert tokens("ما یه خانواده رُما هستیم") == tokens("ما یه خانواده رما هستیم")
    assert tokens("مُدَرِّسَة") == ["مدرسه"]
    assert tokens("cafe\u0301 au lait") == ["cafe", "au", "lait"]


def test_the_words_of_many_texts_read_at_once_are_the_words_each_text_gives() -> None:
    """The matcher's vocabulary is read from all the knowledge's texts in one pass: it must know exactly the words
    a message's `tokens` will be compared with, no more and no fewer."""
    texts = [
        "Mój syn nie może dostać się do szkoły",
        "she doesn't answer, he isnt breathing",
        "ما یه خانواده رُما هستیم\u200cخواهم",
        "ﬁle ½ Ⅻ\u200b hidden\ttab\nnew line",
        "Ťažko sa mi dýcha, " + "word " * 130 + "tail-words-beyond-the-cut",  # longer than a message is read
        "",
    ]
    expected: set[str] = set()
    for text in texts:
        expected.update(tokens(text))
    assert word_set(texts) == expected
    assert "beyond" not in expected


def test_a_message_of_one_sentence_has_no_parts_and_short_fragments_are_not_sentences() -> None:
    assert sentences("Where can I learn English in the evenings?") == []
    assert sentences("Hi. Where can I learn English in the evenings?") == []


def test_every_sentence_of_a_long_message_is_in_some_part_in_order() -> None:
    said = [f"Sentence number {n} says something." for n in range(MAX_SENTENCES + 3)]
    said[-1] = "The man at the door is bleeding badly now."
    parts = sentences(" ".join(said))
    assert parts[:MAX_SENTENCES] == said[:MAX_SENTENCES]  # the first ones on their own
    assert len(parts) == MAX_SENTENCES + 1  # the rest together: one part more at most
    assert " ".join(parts) == " ".join(said)  # nothing left out, nothing moved
    assert parts[-1].endswith("bleeding badly now.")


def test_a_message_of_a_few_sentences_keeps_each_on_its_own() -> None:
    said = ["I work at the council.", "We have a new family.", "Where do the children go to school?"]
    assert sentences(" ".join(said)) == said
